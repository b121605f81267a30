import Foundation

/// Intake's answer to a data protection request (`SubjectRequestOpened`).
package struct IntakeSubjectReport: EventContract {
    package static let eventName = "intake.subject-request-answered"
    package static let version = 1

    package var report: SubjectRequestReport

    package init(report: SubjectRequestReport) {
        self.report = report
    }
}
