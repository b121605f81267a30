import Contracts
import Crypto
import Foundation
import Persistence
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

    /// The claimant's acceptance, worded here and sealed with the fingerprint of what was accepted.
    init(_ event: OfferAccepted) {
        kind = .acceptance
        claimId = event.claimId
        reference = event.reference
        amountCents = event.amountCents
        amountInWords = AmountInWords.french(cents: event.amountCents)
        breakdown = []
        let amount = "\(Euros.formatted(cents: event.amountCents)) (\(AmountInWords.french(cents: event.amountCents)))"
        let fingerprint = [
            event.reference, String(event.amountCents), event.ibanSuffix, event.acceptedAt.formatted(.iso8601),
        ].joined(separator: "\u{1E}")
        letter = DecisionLetter(
            subject: "Déclaration d’acceptation — demande \(event.reference)",
            paragraphs: [
                "Le requérant a accepté en ligne, depuis son espace personnel, le "
                    + "\(event.acceptedAt.formatted(ParisTime.dayAndTime)) (heure de Paris), la proposition "
                    + "d’indemnisation du ministère de la Justice pour la demande \(event.reference), d’un montant de "
                    + "\(amount).",
                "Par cette acceptation, il reconnaît être intégralement indemnisé du préjudice causé par le bris de "
                    + "porte et renonce à toute autre action contre l’État pour les mêmes faits.",
                "Le virement sera fait sur le compte bancaire qu’il a confirmé, dont l’IBAN se termine par "
                    + "\(event.ibanSuffix).",
            ],
            signerName: "Le requérant",
            signedAt: event.acceptedAt,
            seal: SHA256.hash(data: Data(fingerprint.utf8)).hex
        )
    }

    init(_ event: PaymentOrderSigned) {
        kind = .paymentOrder
        claimId = event.claimId
        reference = event.reference
        letter = event.order
        amountCents = event.amountCents
        breakdown = []
    }

    /// `Décision BRI-20261122-0042.pdf`, `Arrêté de paiement …`, `Acceptation …`.
    var fileName: String {
        let name =
            switch kind {
            case .decision: "Décision"
            case .paymentOrder: "Arrêté de paiement"
            case .acceptance: "Acceptation"
            }
        return "\(name) \(reference).pdf"
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
    /// Above the signer's name: the delegation a ministry's signature acts under, or how the claimant accepted.
    var signatureLine: String
    /// What the seal is, before it.
    var sealNote: String
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
        if content.kind == .acceptance {
            signatureLine = "Acceptée en ligne, le requérant s’étant authentifié dans son espace personnel :"
            sealNote = "Acceptation enregistrée le \(signedAt) (heure de Paris). Empreinte de la déclaration :"
        } else {
            signatureLine = "Pour le garde des Sceaux, ministre de la Justice, et par délégation,"
            sealNote =
                "Signé électroniquement le \(signedAt) (heure de Paris). Sceau de la signature, inscrit au journal "
                + "d’audit du ministère :"
        }
        seal = content.letter.seal
    }
}
