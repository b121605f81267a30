import Foundation

/// Something waits for a validator's signature (T5 offer drafted, T6 rejection drafted — which today's service
/// never announces —, T10 payment order drafted): every active validator but its author is told.
package struct SignatureRequested: EventContract {
    package static let eventName = "instruction.signature-requested"
    package static let version = 1

    /// What is to be signed.
    package enum Subject: String, Codable, Sendable {
        case offer
        case rejection
        case paymentOrder = "payment-order"
    }

    package var claimId: UUID
    package var reference: String
    package var subject: Subject
    /// The validators to tell (the author excluded: four eyes).
    package var signers: [AgentContact]
    package var requestedAt: Date

    package init(claimId: UUID, reference: String, subject: Subject, signers: [AgentContact], requestedAt: Date) {
        self.claimId = claimId
        self.reference = reference
        self.subject = subject
        self.signers = signers
        self.requestedAt = requestedAt
    }
}
