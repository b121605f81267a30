import Foundation

/// A validator signed a compensation offer (T7): the claimant may accept or refuse it until `answerBy`.
package struct OfferSent: EventContract {
    package static let eventName = "instruction.offer-sent"
    package static let version = 1

    package var claimId: UUID
    package var reference: String
    package var amountCents: Int
    /// The amount in French words, as the letter writes it.
    package var amountInWords: String
    package var breakdown: [AmountLine]
    package var letter: DecisionLetter
    /// Last day to answer, `YYYY-MM-DD` (Paris).
    package var answerBy: String
    package var sentAt: Date

    package init(
        claimId: UUID,
        reference: String,
        amountCents: Int,
        amountInWords: String,
        breakdown: [AmountLine],
        letter: DecisionLetter,
        answerBy: String,
        sentAt: Date
    ) {
        self.claimId = claimId
        self.reference = reference
        self.amountCents = amountCents
        self.amountInWords = amountInWords
        self.breakdown = breakdown
        self.letter = letter
        self.answerBy = answerBy
        self.sentAt = sentAt
    }
}
