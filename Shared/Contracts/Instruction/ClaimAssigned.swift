import Foundation

/// A claim was given to a rédacteur (T2), or given to another one.
package struct ClaimAssigned: EventContract {
    package static let eventName = "instruction.claim-assigned"
    package static let version = 1

    /// The rédacteur now in charge: who notification writes to.
    package typealias Assignee = AgentContact

    package var claimId: UUID
    package var reference: String
    package var assignee: Assignee
    /// The attributeur's agent id.
    package var assignedBy: UUID
    package var assignedAt: Date
    /// True when the claim already had a rédacteur.
    package var isReassignment: Bool

    package init(
        claimId: UUID,
        reference: String,
        assignee: Assignee,
        assignedBy: UUID,
        assignedAt: Date,
        isReassignment: Bool
    ) {
        self.claimId = claimId
        self.reference = reference
        self.assignee = assignee
        self.assignedBy = assignedBy
        self.assignedAt = assignedAt
        self.isReassignment = isReassignment
    }
}
