import Foundation

/// A claim was closed without a decision (T4).
package struct ClaimClosed: EventContract {
    package static let eventName = "instruction.claim-closed"
    package static let version = 1

    package var claimId: UUID
    package var reference: String
    /// Internal reason code: `doublon`, `sans-suite` (no answer from the claimant), `desistement` or `autre`.
    package var reason: String
    /// What the claimant is told, written by the agent.
    package var explanation: String
    package var closedAt: Date

    package init(claimId: UUID, reference: String, reason: String, explanation: String, closedAt: Date) {
        self.claimId = claimId
        self.reference = reference
        self.reason = reason
        self.explanation = explanation
        self.closedAt = closedAt
    }
}
