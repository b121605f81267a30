/// What a claimant is told about a claim's state (domain.md §2.2): agents' internal steps are grouped into
/// the few statuses that matter to the person waiting.
enum ClaimantStatus: String, Sendable {
    case toComplete = "A_COMPLETER"
    case deposited = "DEPOSE"
    case inInstruction = "EN_INSTRUCTION"
    case offerToAccept = "OK_A_ACCEPTER"
    case awaitingPayment = "OK_A_INDEMNISER"
    case paid = "OK_INDEMNISE"
    case rejected = "KO_REJETE"
    case closed = "CLOTURE"

    /// The claimant-facing status of an internal lifecycle state.
    init(state: String) {
        switch state {
        case "A_FINALISER": self = .toComplete
        case "A_ATTRIBUER", "A_INSTRUIRE": self = .deposited
        case "OK_A_APPROUVER": self = .offerToAccept
        case "OK_A_VERIFIER", "OK_VERIFIE", "OK_A_INDEMNISER", "OK_EN_ATTENTE_PAIEMENT": self = .awaitingPayment
        case "OK_INDEMNISE": self = .paid
        case "KO_REJETE": self = .rejected
        case "CLOTURE": self = .closed
        default: self = .inInstruction
        }
    }

    var label: String {
        switch self {
        case .toComplete: "À compléter"
        case .deposited: "Déposée"
        case .inInstruction: "En cours d’examen"
        case .offerToAccept: "Proposition à accepter"
        case .awaitingPayment: "En attente de paiement"
        case .paid: "Indemnisée"
        case .rejected: "Rejetée"
        case .closed: "Clôturée"
        }
    }

    /// What happens next, as the claimant is told on the claim's page.
    var nextStep: String {
        switch self {
        case .toComplete: "Complétez les étapes de votre demande, puis déposez-la."
        case .deposited:
            "Un agent du bureau d’indemnisation va prendre en charge votre demande. Le bureau instruit les demandes en "
                + "deux à quatre mois après leur dépôt."
        case .inInstruction:
            "Un agent examine votre demande. S’il lui manque une pièce, il vous la demandera : vous serez prévenu(e) "
                + "par courriel."
        case .offerToAccept: "Une proposition d’indemnisation vous a été faite : consultez-la et répondez-y."
        case .awaitingPayment:
            "Votre acceptation a été reçue : le paiement est en préparation, puis le virement sera fait."
        case .paid: "L’indemnisation a été versée sur votre compte."
        case .rejected: "Votre demande a été rejetée : la décision explique pourquoi et comment la contester."
        case .closed: "Votre demande a été clôturée : le courriel reçu en donne la raison et la façon de la contester."
        }
    }
}
