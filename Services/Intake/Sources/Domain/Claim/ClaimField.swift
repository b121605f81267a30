/// Every answer of the claim form, named as the HTML form and the JSON API name it.
enum ClaimField: String, CaseIterable, Sendable {
    case claimantKind
    case civility, firstName, lastName, birthName, birthDate, birthPlace, phone, email
    case entityType, companyName, companyNumber, representativeRole
    case residenceStreetAddress, residencePostalCode, residenceCommune
    case capacity, capacityDetail, streetAddress, postalCode, commune
    case doorBreakDate, force, armouredDoor, description
    case claimedAmount
    case accountHolder, iban, bic

    /// Bank fields are sealed at rest, never kept with the other answers in clear.
    static let bank: [ClaimField] = [.accountHolder, .iban, .bic]

    /// Free-text fields and their maximum length; longer answers are refused, never cut.
    var maximumLength: Int {
        switch self {
        case .description: 4000
        case .streetAddress, .residenceStreetAddress, .companyName, .capacityDetail: 200
        case .accountHolder: 140
        default: 100
        }
    }
}

/// Who files: a person in their own name, or a legal entity through its representative.
enum ClaimantKind: String, CaseIterable, Sendable {
    case person = "personne"
    case legalEntity = "personne-morale"

    var label: String {
        switch self {
        case .person: "En votre nom, pour vous-même"
        case .legalEntity:
            "Au nom d’une personne morale (entreprise, bailleur social, syndic, association, collectivité…)"
        }
    }
}
