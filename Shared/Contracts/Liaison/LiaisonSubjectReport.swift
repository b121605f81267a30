import Foundation

/// Liaison's answer to a data protection request (`SubjectRequestOpened`).
package struct LiaisonSubjectReport: EventContract {
    package static let eventName = "liaison.subject-request-answered"
    package static let version = 1

    package var report: SubjectRequestReport

    package init(report: SubjectRequestReport) {
        self.report = report
    }
}
