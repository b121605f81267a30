import Foundation

/// The assigned rédacteur started examining the claim (T3): the claimant is told it is being instructed.
package struct InstructionStarted: EventContract {
    package static let eventName = "instruction.instruction-started"
    package static let version = 1

    package var claimId: UUID
    package var reference: String
    package var startedAt: Date

    package init(claimId: UUID, reference: String, startedAt: Date) {
        self.claimId = claimId
        self.reference = reference
        self.startedAt = startedAt
    }
}
