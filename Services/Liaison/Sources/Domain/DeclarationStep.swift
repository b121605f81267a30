/// The declaration wizard's three steps (domain.md §6.2), in order.
enum DeclarationStep: String, CaseIterable, Sendable {
    case facts = "faits"
    case procedure = "procedure"
    case occupant = "occupant"

    var title: String {
        switch self {
        case .facts: "Les faits"
        case .procedure: "Le service enquêteur et la procédure"
        case .occupant: "L’occupant du logement"
        }
    }

    /// 1-based position, as the stepper shows it.
    var number: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }

    var next: DeclarationStep? { Self.allCases.dropFirst(number).first }

    var previous: DeclarationStep? { number > 1 ? Self.allCases[number - 2] : nil }

    /// The step's questions; the occupant's details are asked only when the investigator has them.
    func fields(knowingOccupant: Bool) -> [DeclarationField] {
        switch self {
        case .facts:
            [.operationalError, .errorDescription, .operationDate, .streetAddress, .postalCode, .commune]
        case .procedure:
            [.investigatingService, .servicePhone, .procedureNumber, .court, .magistrate]
        case .occupant:
            [.occupantKnown]
                + (knowingOccupant
                    ? [.occupantCivility, .occupantLastName, .occupantFirstName, .occupantEmail, .occupantPhone]
                    : []) + [.occupantDetails]
        }
    }
}
