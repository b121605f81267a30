import Foundation

/// The claimant accepted the offer online (T9), after confirming the account it will be paid to.
package struct OfferAccepted: EventContract {
    package static let eventName = "intake.offer-accepted"
    package static let version = 1

    package var claimId: UUID
    package var reference: String
    package var amountCents: Int
    /// The last four characters of the IBAN the claimant confirmed (the full details stay sealed in intake).
    package var ibanSuffix: String
    package var acceptedAt: Date

    package init(claimId: UUID, reference: String, amountCents: Int, ibanSuffix: String, acceptedAt: Date) {
        self.claimId = claimId
        self.reference = reference
        self.amountCents = amountCents
        self.ibanSuffix = ibanSuffix
        self.acceptedAt = acceptedAt
    }
}
