import Foundation

/// A rédacteur's question to a unit is due within two days or overdue and still unanswered: every active
/// investigator of the unit is reminded, at most once a day.
package struct InvestigatorQueryReminder: EventContract {
    package static let eventName = "liaison.investigator-query-reminder"
    package static let version = 1

    package var queryId: UUID
    package var declarationId: UUID
    package var reference: String
    /// `YYYY-MM-DD`.
    package var dueOn: String
    package var overdue: Bool
    /// The unit's investigators: professional names and addresses only.
    package var recipients: [AgentContact]
    package var remindedAt: Date

    package init(
        queryId: UUID,
        declarationId: UUID,
        reference: String,
        dueOn: String,
        overdue: Bool,
        recipients: [AgentContact],
        remindedAt: Date
    ) {
        self.queryId = queryId
        self.declarationId = declarationId
        self.reference = reference
        self.dueOn = dueOn
        self.overdue = overdue
        self.recipients = recipients
        self.remindedAt = remindedAt
    }
}
