import Foundation

/// Something waits for the claimant and its time runs (domain.md §7, reminders today's service never sends): a
/// draft left alone for a week, a request for information due in two days, an offer whose answer is due in a week.
/// Sent once for each (a draft again after each new week of silence).
package struct ClaimantReminder: EventContract {
    package static let eventName = "intake.claimant-reminder"
    package static let version = 1

    package enum Kind: String, Codable, Sendable {
        case draftIdle = "draft-idle"
        case informationDue = "information-due"
        case offerAwaiting = "offer-awaiting"
    }

    package var kind: Kind
    package var claimId: UUID
    /// The public reference; nil for a draft.
    package var reference: String?
    /// Where to write: the account's address for a draft, the claim's for a submitted claim.
    package var email: String
    /// As the claimant typed it; empty when a draft has none yet.
    package var firstName: String
    /// `YYYY-MM-DD`: when the answer is due (nil for a draft).
    package var dueOn: String?
    package var remindedAt: Date

    package init(
        kind: Kind,
        claimId: UUID,
        reference: String?,
        email: String,
        firstName: String,
        dueOn: String?,
        remindedAt: Date
    ) {
        self.kind = kind
        self.claimId = claimId
        self.reference = reference
        self.email = email
        self.firstName = firstName
        self.dueOn = dueOn
        self.remindedAt = remindedAt
    }
}
