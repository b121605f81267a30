import Foundation

/// A second agent signed the payment order (T11): the claim may go to the budget office, and documents files the
/// order as a PDF with the seal written in instruction's audit log.
package struct PaymentOrderSigned: EventContract {
    package static let eventName = "instruction.payment-order-signed"
    package static let version = 1

    package var claimId: UUID
    package var reference: String
    package var amountCents: Int
    /// The order as signed: its title, articles, signer, instant and seal.
    package var order: DecisionLetter

    package init(claimId: UUID, reference: String, amountCents: Int, order: DecisionLetter) {
        self.claimId = claimId
        self.reference = reference
        self.amountCents = amountCents
        self.order = order
    }
}
