import Foundation

/// A submitted claim reached the back office and waits for a rédacteur (T1): every active attributeur is told.
package struct ClaimAwaitingAssignment: EventContract {
    package static let eventName = "instruction.claim-awaiting-assignment"
    package static let version = 1

    package var claimId: UUID
    package var reference: String
    package var attributeurs: [AgentContact]
    package var receivedAt: Date

    package init(claimId: UUID, reference: String, attributeurs: [AgentContact], receivedAt: Date) {
        self.claimId = claimId
        self.reference = reference
        self.attributeurs = attributeurs
        self.receivedAt = receivedAt
    }
}
