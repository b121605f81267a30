import Documents
import ServiceKit

@main
enum DocumentsMain {
    static func main() async {
        await ServiceRunner.main(DocumentsService.self)
    }
}
