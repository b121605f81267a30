import Foundation

/// Notification's answer to a data protection request (`SubjectRequestOpened`).
package struct NotificationSubjectReport: EventContract {
    package static let eventName = "notification.subject-request-answered"
    package static let version = 1

    package var report: SubjectRequestReport

    package init(report: SubjectRequestReport) {
        self.report = report
    }
}
