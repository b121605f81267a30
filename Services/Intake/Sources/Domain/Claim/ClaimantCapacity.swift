/// In which capacity the claimant asks for the door to be paid (domain.md §4.2, `rapportAuLogement`).
enum ClaimantCapacity: String, CaseIterable, Sendable {
    case ownerOccupier = "proprietaire-occupant"
    case tenant = "locataire"
    case ownerLandlord = "proprietaire-bailleur"
    case socialLandlord = "bailleur-social"
    /// Any other link to the dwelling (usufructuary, hosted family, manager…), described in words.
    case other = "autre"

    var label: String {
        switch self {
        case .ownerOccupier: "Propriétaire occupant"
        case .tenant: "Locataire"
        case .ownerLandlord: "Propriétaire bailleur (le logement est loué)"
        case .socialLandlord: "Bailleur social"
        case .other: "Autre situation"
        }
    }

    /// The capacity the eligibility test already told us.
    init(_ relation: DwellingRelation) {
        self = ClaimantCapacity(rawValue: relation.rawValue) ?? .other
    }
}
