/// Supporting documents a claimant uploads (domain.md §5.1), with the rule that makes each one required.
enum DocumentType: String, CaseIterable, Sendable {
    case policeAttestation = "attestation_information"
    case damagePhoto = "photo_prejudice"
    case identity = "carte_identite"
    case invoice = "facture"
    case bankDetails = "rib"
    case insurerCertificate = "non_prise_en_charge_assurance"
    case titleDeed = "titre_propriete"
    case lease = "contrat_location"
    case landlordCertificate = "non_prise_en_charge_bailleur"
    case companyRegistration = "extrait_kbis"

    var label: String {
        switch self {
        case .policeAttestation: "Attestation remise par la police ou la gendarmerie"
        case .damagePhoto: "Photos de la porte endommagée"
        case .identity: "Pièce d’identité (recto et verso)"
        case .invoice: "Facture acquittée de la remise en état de la porte à l’identique"
        case .bankDetails: "Relevé d’identité bancaire (RIB)"
        case .insurerCertificate: "Attestation de non-prise en charge par votre assureur"
        case .titleDeed: "Titre de propriété"
        case .lease: "Contrat de location"
        case .landlordCertificate: "Attestation de non-prise en charge par votre bailleur"
        case .companyRegistration: "Extrait Kbis de moins de trois mois"
        }
    }

    /// The documents required for a situation. A claim started from a police declaration needs no attestation:
    /// the declaration already is one. The paid invoice proves payment (no separate receipt, unlike today).
    static func required(for relation: DwellingRelation, fromPoliceDeclaration: Bool) -> [DocumentType] {
        var documents: [DocumentType] = fromPoliceDeclaration ? [] : [.policeAttestation]
        documents += [.damagePhoto, .identity, .invoice, .bankDetails, .insurerCertificate]
        switch relation {
        case .ownerOccupier: documents.append(.titleDeed)
        case .tenant: documents += [.lease, .landlordCertificate]
        case .ownerLandlord: documents.append(.lease)
        case .socialLandlord: documents += [.lease, .companyRegistration]
        }
        return documents
    }
}
