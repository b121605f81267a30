/// Where each action's form posts, under the claim's page: the one spelling the page and the controller share.
extension ClaimAction {
    /// The path segment of the action's form; nil for the actions without a single form (a document's review has
    /// one per document).
    var formSegment: String? {
        switch self {
        case .assign: "attribution"
        case .startInstruction: "instruction"
        case .requestInformation: "complement"
        case .close: "cloture"
        case .addNote: "notes"
        case .draftOffer: "proposition"
        case .draftRejection: "rejet"
        case .returnToInstruction: "renvoi"
        case .signDecision: "signature"
        case .verifyAcceptance: "verification"
        case .signPaymentOrder: "signature-arrete"
        case .transmitToPayment: "transmission"
        case .markPaid: "paiement"
        case .askInvestigator: "question-enqueteurs"
        case .reviewDocument: nil
        }
    }
}
