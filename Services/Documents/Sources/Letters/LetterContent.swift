import Contracts
import Foundation
import ServiceKit

/// A signed letter as instruction published it (decision or payment order), kept only until it is rendered.
struct LetterContent: Codable, Sendable, Equatable {
    var kind: LetterRendered.Kind
    var claimId: UUID
    var reference: String
    var letter: DecisionLetter
    var amountCents: Int?
    /// The offer's amount in words, as instruction wrote it.
    var amountInWords: String?
    var breakdown: [AmountLine]
    /// `YYYY-MM-DD`: the last day to answer an offer.
    var answerBy: String?

    init(_ event: OfferSent) {
        kind = .decision
        claimId = event.claimId
        reference = event.reference
        letter = event.letter
        amountCents = event.amountCents
        amountInWords = event.amountInWords
        breakdown = event.breakdown
        answerBy = event.answerBy
    }

    init(_ event: ClaimRejected) {
        kind = .decision
        claimId = event.claimId
        reference = event.reference
        letter = event.letter
        breakdown = []
    }

    init(_ event: PaymentOrderSigned) {
        kind = .paymentOrder
        claimId = event.claimId
        reference = event.reference
        letter = event.order
        amountCents = event.amountCents
        breakdown = []
    }

    /// `Décision BRI-20261122-0042.pdf`, `Arrêté de paiement BRI-20261122-0042.pdf`.
    var fileName: String {
        "\(kind == .decision ? "Décision" : "Arrêté de paiement") \(reference).pdf"
    }
}

/// The letter's Mustache model; stored properties only (Mustache reads them by reflection).
struct LetterModel {
    struct Line {
        var label: String
        var amount: String
    }

    var reference: String
    var subject: String
    var paragraphs: [String]
    var lines: [Line]
    var total: String?
    var totalInWords: String?
    var answerBy: String?
    var signedOn: String
    var signedAt: String
    var signerName: String
    var seal: String

    init(_ content: LetterContent) {
        reference = content.reference
        subject = content.letter.subject
        paragraphs = content.letter.paragraphs
        lines = content.breakdown.map { Line(label: $0.label, amount: Euros.formatted(cents: $0.amountCents)) }
        total = content.breakdown.isEmpty ? nil : content.amountCents.map { Euros.formatted(cents: $0) }
        totalInWords = content.amountInWords
        answerBy = content.answerBy.map { ParisTime.day(iso: $0) }
        signedOn = content.letter.signedAt.formatted(ParisTime.day)
        signedAt = content.letter.signedAt.formatted(ParisTime.dayAndTime)
        signerName = content.letter.signerName
        seal = content.letter.seal
    }
}
