/// The latest step of the claim a declaration started, as the unit may know it.
enum ClaimOutcome: String, Sendable, CaseIterable {
    case submitted = "submitted"
    case inInstruction = "in_instruction"
    case offered = "offered"
    case rejected = "rejected"
    case paid = "paid"
    case closed = "closed"

    var label: String {
        switch self {
        case .submitted: "Demande déposée"
        case .inInstruction: "En cours d’instruction"
        case .offered: "Indemnisation proposée"
        case .rejected: "Demande rejetée"
        case .paid: "Indemnisation versée"
        case .closed: "Demande classée sans suite"
        }
    }
}
