/// What an agent can do to a claim (domain.md §2.3 T2–T13, plus the actions that keep the state).
enum ClaimAction: String, Sendable, CaseIterable {
    /// T2: gives the claim to a rédacteur; also reassigns a claim already being worked on.
    case assign
    /// T3.
    case startInstruction
    /// Asks the claimant for missing documents or information, with a deadline (the state stays).
    case requestInformation
    /// Asks the investigating unit a question through liaison (the state stays).
    case askInvestigator
    /// Accepts or rejects one of the claim's documents, with a reason (the state stays).
    case reviewDocument
    /// A private note on the claim (the state stays).
    case addNote
    /// T4: closes a claim without a decision.
    case close
    /// T5.
    case draftOffer
    /// T6.
    case draftRejection
    /// A validator sends a draft decision back to its rédacteur.
    case returnToInstruction
    /// T7 (offer, then sent to the claimant) or T8 (rejection, notified to the claimant).
    case signDecision
    /// T10: the claimant's acceptance is checked and the payment order drafted.
    case verifyAcceptance
    /// T11.
    case signPaymentOrder
    /// T12: the payment file is handed to the budget office.
    case transmitToPayment
    /// T13.
    case markPaid

    /// How the action is named in the audit log and on the claim's history.
    var label: String {
        switch self {
        case .assign: "Attribution"
        case .startInstruction: "Début de l’instruction"
        case .requestInformation: "Demande de complément au requérant"
        case .askInvestigator: "Question au service enquêteur"
        case .reviewDocument: "Examen d’une pièce"
        case .addNote: "Note interne"
        case .close: "Clôture"
        case .draftOffer: "Proposition d’indemnisation rédigée"
        case .draftRejection: "Rejet rédigé"
        case .returnToInstruction: "Renvoi en instruction"
        case .signDecision: "Décision signée et envoyée"
        case .verifyAcceptance: "Acceptation vérifiée, arrêté de paiement rédigé"
        case .signPaymentOrder: "Arrêté de paiement signé"
        case .transmitToPayment: "Transmis au bureau du budget"
        case .markPaid: "Paiement effectué"
        }
    }
}
