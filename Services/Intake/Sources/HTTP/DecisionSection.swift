import Contracts
import Foundation
import ServiceKit

/// The office's decision on the claim's page: the signed letter, the amount line by line, and, while an offer
/// waits, the forms to accept or refuse it. Stored properties only.
struct DecisionSection {
    struct Line {
        var label: String
        var amount: String
    }

    var title: String
    var subject: String
    var paragraphs: [String]
    var signature: String
    var seal: String
    var lines: [Line]
    var total: String?
    var awaitsAnswer: Bool
    var answerBy: String?
    var answer: String?
    var ibanSuffix: String
    var acceptAction: String
    var refuseAction: String

    init(_ decision: ClaimDecision, claim: UUID, ibanSuffix: String) {
        title = decision.isOffer ? "Proposition d’indemnisation" : "Décision de rejet"
        subject = decision.letter.subject
        paragraphs = decision.letter.paragraphs
        signature =
            "Signé par \(decision.letter.signerName) le \(decision.letter.signedAt.formatted(ParisTime.dayAndTime))"
        seal = decision.letter.seal
        lines = decision.breakdown.map { Line(label: $0.label, amount: Euros.formatted(cents: $0.amountCents)) }
        total = decision.amountCents.map { cents in
            "\(Euros.formatted(cents: cents))" + (decision.amountInWords.map { " (\($0))" } ?? "")
        }
        awaitsAnswer = decision.awaitsAnswer
        answerBy = decision.answerBy.map(ParisTime.day(iso:))
        answer = decision.answeredAt.map { at in
            let date = at.formatted(ParisTime.dayAndTime)
            return decision.accepted == true
                ? "Vous avez accepté cette proposition le \(date)." : "Vous avez refusé cette proposition le \(date)."
        }
        self.ibanSuffix = ibanSuffix
        let base = ClaimDraftController.claimPath(claim)
        acceptAction = "\(base)/proposition/acceptation"
        refuseAction = "\(base)/proposition/refus"
    }
}
