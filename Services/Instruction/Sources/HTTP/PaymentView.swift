import Foundation
import ServiceKit

/// The payment order on the claim's page: its articles (bank details only for agents who handle payments), who
/// drafted and signed it with which seal, and its hand-off. Stored properties only.
struct PaymentView {
    var facts: [ClaimFilePage.Fact]
    var paragraphs: [String]
    var showsBankDetails: Bool
    var exportHref: String?
    /// The signed order's PDF, once documents has filed it (it carries the bank details too).
    var letterHref: String?

    init(_ order: ClaimFile.PaymentOrderState, showsBankDetails: Bool, claimPath: String) {
        var facts = [ClaimFilePage.Fact(label: "Établi par", value: order.draftedBy)]
        if let signer = order.signedBy, let at = order.signedAt {
            facts.append(.init(label: "Signé par", value: "\(signer), le \(at.formatted(ParisTime.dayAndTime))"))
            facts.append(.init(label: "Sceau (SHA-256)", value: order.seal ?? ""))
        }
        if let batch = order.batchReference, let at = order.transmittedAt {
            facts.append(
                .init(
                    label: "Transmis au bureau du budget",
                    value: "\(at.formatted(ParisTime.dayAndTime)), référence \(batch)"
                )
            )
        }
        if let paidOn = order.paidOn {
            facts.append(.init(label: "Virement effectué le", value: ParisTime.day(iso: paidOn)))
        }
        self.facts = facts
        self.showsBankDetails = showsBankDetails
        paragraphs = showsBankDetails ? DecisionLetters.paragraphs(order.body) : []
        exportHref = showsBankDetails && order.seal != nil ? "\(claimPath)/virement" : nil
        letterHref =
            showsBankDetails ? order.letterId.map { "\(claimPath)/pieces/\($0.uuidString.lowercased())" } : nil
    }
}
