import Notification
import ServiceKit

@main
enum NotificationMain {
    static func main() async {
        await ServiceRunner.main(NotificationService.self)
    }
}
