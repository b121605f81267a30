import Foundation

/// A validator signed a rejection (T8): the claim is finished, the letter says why and how to contest it.
package struct ClaimRejected: EventContract {
    package static let eventName = "instruction.claim-rejected"
    package static let version = 1

    package var claimId: UUID
    package var reference: String
    /// One of the motives of domain.md §2.4, e.g. `MIS_EN_CAUSE`.
    package var reason: String
    package var letter: DecisionLetter
    package var rejectedAt: Date

    package init(claimId: UUID, reference: String, reason: String, letter: DecisionLetter, rejectedAt: Date) {
        self.claimId = claimId
        self.reference = reference
        self.reason = reason
        self.letter = letter
        self.rejectedAt = rejectedAt
    }
}
