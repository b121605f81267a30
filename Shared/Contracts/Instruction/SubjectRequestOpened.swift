import Foundation

/// A data protection request about one person (GDPR art. 15 or 17), opened by the office's data protection referent:
/// each service holding personal data answers with what it holds (`access`) or what it erased (`erasure`).
package struct SubjectRequestOpened: EventContract {
    package static let eventName = "instruction.subject-request-opened"
    package static let version = 1

    package enum Kind: String, Codable, Sendable {
        case access
        case erasure
    }

    package var requestId: UUID
    package var kind: Kind
    /// The person's e-mail address, the key every service finds them by.
    package var email: String
    package var openedAt: Date

    package init(requestId: UUID, kind: Kind, email: String, openedAt: Date) {
        self.requestId = requestId
        self.kind = kind
        self.email = email
        self.openedAt = openedAt
    }
}

/// One service's answer to a `SubjectRequestOpened`, the same shape for every service.
package struct SubjectRequestReport: Codable, Sendable, Equatable {
    package var requestId: UUID
    /// How many records the service holds (access) or erased (erasure) about the person.
    package var records: Int
    /// Access: the data as a JSON text. Erasure: what was erased, by table, and what is kept and why.
    package var data: String
    package var reportedAt: Date

    package init(requestId: UUID, records: Int, data: String, reportedAt: Date) {
        self.requestId = requestId
        self.records = records
        self.data = data
        self.reportedAt = reportedAt
    }
}
