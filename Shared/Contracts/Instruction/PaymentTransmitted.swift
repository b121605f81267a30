import Foundation

/// The signed payment order was handed to the budget office (T12): the transfer is on its way.
package struct PaymentTransmitted: EventContract {
    package static let eventName = "instruction.payment-transmitted"
    package static let version = 1

    package var claimId: UUID
    package var reference: String
    package var amountCents: Int
    /// The hand-off's reference, quoted in the budget office's reconciliation (e.g. `VIR-20261123-7K2M9Q`).
    package var batchReference: String
    package var transmittedAt: Date

    package init(claimId: UUID, reference: String, amountCents: Int, batchReference: String, transmittedAt: Date) {
        self.claimId = claimId
        self.reference = reference
        self.amountCents = amountCents
        self.batchReference = batchReference
        self.transmittedAt = transmittedAt
    }
}
