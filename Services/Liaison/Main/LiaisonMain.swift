import Liaison
import ServiceKit

@main
enum LiaisonMain {
    static func main() async {
        await ServiceRunner.main(LiaisonService.self)
    }
}
