import Foundation

/// The transfer was made (T13): the claim is finished.
package struct ClaimPaid: EventContract {
    package static let eventName = "instruction.claim-paid"
    package static let version = 1

    package var claimId: UUID
    package var reference: String
    package var amountCents: Int
    /// Day of the transfer, `YYYY-MM-DD`.
    package var paidOn: String
    package var recordedAt: Date

    package init(claimId: UUID, reference: String, amountCents: Int, paidOn: String, recordedAt: Date) {
        self.claimId = claimId
        self.reference = reference
        self.amountCents = amountCents
        self.paidOn = paidOn
        self.recordedAt = recordedAt
    }
}
