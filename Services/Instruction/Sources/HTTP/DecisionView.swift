import Contracts
import Foundation
import ServiceKit

/// The claim's decision as its page shows it: what was drafted, the letter's text, who signed with which seal, and
/// the claimant's answer. Stored properties only.
struct DecisionView {
    var title: String
    var facts: [ClaimFilePage.Fact]
    var paragraphs: [String]
    /// The signed letter's PDF, once documents has filed it.
    var letterHref: String?
    /// The claimant's acceptance as a PDF.
    var acceptanceHref: String?

    init(_ decision: ClaimFile.Decision, claimPath: String) {
        title = decision.isOffer ? "Proposition d’indemnisation" : "Rejet"
        var facts: [ClaimFilePage.Fact] = []
        if let amount = decision.amountCents {
            facts += decision.breakdown.map { .init(label: $0.label, value: Euros.formatted(cents: $0.amountCents)) }
            facts.append(
                .init(
                    label: "Total",
                    value: "\(Euros.formatted(cents: amount)) (\(AmountInWords.french(cents: amount)))"
                )
            )
        }
        if let reason = decision.rejectionReason { facts.append(.init(label: "Motif", value: reason.label)) }
        facts.append(.init(label: "Rédigé par", value: decision.draftedBy))
        if let comment = decision.returnedComment { facts.append(.init(label: "Renvoyé au rédacteur", value: comment)) }
        if let signer = decision.signedBy, let signedAt = decision.signedAt {
            facts.append(.init(label: "Signé par", value: "\(signer), le \(signedAt.formatted(ParisTime.dayAndTime))"))
            facts.append(.init(label: "Sceau (SHA-256)", value: decision.seal ?? ""))
        }
        if let answerBy = decision.answerBy, decision.claimantAccepted == nil {
            facts.append(.init(label: "Réponse attendue avant le", value: ParisTime.day(iso: answerBy)))
        }
        switch decision.claimantAccepted {
        case true?: facts.append(.init(label: "Réponse du requérant", value: "Acceptée"))
        case false?:
            let counter =
                decision.counterProposalCents.map { " ; montant demandé : \(Euros.formatted(cents: $0))" } ?? ""
            facts.append(
                .init(label: "Réponse du requérant", value: "Refusée : « \(decision.refusalReason ?? "") »\(counter)")
            )
        case nil: break
        }
        self.facts = facts
        paragraphs = DecisionLetters.paragraphs(decision.body)
        letterHref = decision.letterId.map { "\(claimPath)/pieces/\($0.uuidString.lowercased())" }
        acceptanceHref = decision.acceptanceLetterId.map { "\(claimPath)/pieces/\($0.uuidString.lowercased())" }
    }
}
