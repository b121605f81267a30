import Foundation

/// The claimant accepted the offer online (T9), after confirming the account it will be paid to.
package struct OfferAccepted: EventContract {
    /// The bank details the payment order needs, as JSON `{holder, iban, bic}` sealed with AES-256-GCM under the
    /// key intake and instruction share (`PAYMENT_DETAILS_KEY`): the broker and every other consumer see only
    /// ciphertext.
    package struct SealedPaymentDetails: Codable, Sendable, Equatable {
        package var keyId: String
        /// Base64 of nonce, ciphertext and tag.
        package var sealed: String

        package init(keyId: String, sealed: String) {
            self.keyId = keyId
            self.sealed = sealed
        }
    }

    package static let eventName = "intake.offer-accepted"
    package static let version = 1

    package var claimId: UUID
    package var reference: String
    package var amountCents: Int
    /// The last four characters of the IBAN the claimant confirmed (the full details stay sealed in intake).
    package var ibanSuffix: String
    package var acceptedAt: Date
    /// Added within v1 (optional): absent when intake has no payment key configured.
    package var paymentDetails: SealedPaymentDetails?

    package init(
        claimId: UUID,
        reference: String,
        amountCents: Int,
        ibanSuffix: String,
        acceptedAt: Date,
        paymentDetails: SealedPaymentDetails? = nil
    ) {
        self.claimId = claimId
        self.reference = reference
        self.amountCents = amountCents
        self.ibanSuffix = ibanSuffix
        self.acceptedAt = acceptedAt
        self.paymentDetails = paymentDetails
    }
}
