import Intake
import ServiceKit

@main
enum IntakeMain {
    static func main() async {
        await ServiceRunner.main(IntakeService.self)
    }
}
