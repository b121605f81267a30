/// The steps of the claim form, in order. Each is saved on its own, so a draft resumes where it was left.
enum ClaimStep: String, CaseIterable, Sendable {
    case claimant = "demandeur"
    case identity = "identite"
    case dwelling = "logement"
    case facts = "faits"
    case amount = "montant"
    case bank = "coordonnees-bancaires"
    /// Uploads go to the documents service; the step lists them against the claim's checklist.
    case documents = "pieces"

    var title: String {
        switch self {
        case .claimant: "Qui fait la demande"
        case .identity: "Identité et adresse"
        case .dwelling: "Le logement"
        case .facts: "Le bris de porte"
        case .amount: "Le montant demandé"
        case .bank: "Coordonnées bancaires"
        case .documents: "Pièces justificatives"
        }
    }

    /// The answers this step asks for, which depend on who files.
    func fields(for kind: ClaimantKind?) -> [ClaimField] {
        switch self {
        case .claimant: [.claimantKind]
        case .identity:
            kind == .legalEntity
                ? [
                    .entityType, .companyName, .companyNumber, .residenceStreetAddress, .residencePostalCode,
                    .residenceCommune, .civility, .firstName, .lastName, .representativeRole, .phone,
                ]
                : [
                    .civility, .firstName, .lastName, .birthName, .birthDate, .birthPlace, .phone,
                    .residenceStreetAddress, .residencePostalCode, .residenceCommune,
                ]
        case .dwelling: [.capacity, .capacityDetail, .streetAddress, .postalCode, .commune]
        case .facts: [.doorBreakDate, .force, .armouredDoor, .description]
        case .amount: [.claimedAmount]
        case .bank: ClaimField.bank
        case .documents: []
        }
    }

    var number: Int { Self.allCases.firstIndex(of: self)! + 1 }
    var next: ClaimStep? { number < Self.allCases.count ? Self.allCases[number] : nil }
    var previous: ClaimStep? { number > 1 ? Self.allCases[number - 2] : nil }
}
