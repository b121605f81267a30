/// Supporting documents a claimant uploads (domain.md §5.1), with the rules that make each one required.
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
    case subrogationReceipt = "quittance_subrogative"
    case signatoryIdentity = "piece_identite_signataire"
    case signatoryPowers = "pouvoir_signataire"
    case associationMinutes = "pv_association_statuts"
    case condominiumMinutes = "pv_ag_syndic"
    case associationRegistration = "declaration_rna_joafe"
    case publicBodyIdentification = "identification_etablissement_publique"

    /// The documents required for a situation declared in the eligibility test (its outcome page lists them).
    static func required(for relation: DwellingRelation, fromPoliceDeclaration: Bool) -> [DocumentType] {
        required(capacity: ClaimantCapacity(relation), entityType: nil, fromPoliceDeclaration: fromPoliceDeclaration)
    }

    /// The documents a claim needs. A claim started from a police declaration needs no attestation: the declaration
    /// already is one. The paid invoice proves payment (no separate receipt, unlike today). Unlike today's service,
    /// an association's minutes are really required.
    static func required(capacity: ClaimantCapacity?, entityType: LegalEntityType?, fromPoliceDeclaration: Bool)
        -> [DocumentType]
    {
        var documents: [DocumentType] = fromPoliceDeclaration ? [] : [.policeAttestation]
        documents += [.damagePhoto, .identity, .invoice, .bankDetails, .insurerCertificate]
        switch capacity {
        case .ownerOccupier: documents.append(.titleDeed)
        case .tenant: documents += [.lease, .landlordCertificate]
        case .ownerLandlord: documents.append(.lease)
        case .socialLandlord: documents += [.lease, .companyRegistration]
        case .other, nil: break
        }
        switch entityType {
        case .insurer, .propertyCompany, .privateCompany: documents += [.companyRegistration, .subrogationReceipt]
        case .socialLandlord: documents.append(.companyRegistration)
        case .condominiumManager: documents += [.subrogationReceipt, .condominiumMinutes]
        case .association: documents += [.associationRegistration, .associationMinutes, .signatoryIdentity]
        case .localAuthority, .publicBody: documents.append(.publicBodyIdentification)
        case nil: break
        }
        if entityType == .privateCompany { documents.append(.signatoryIdentity) }
        return documents.reduce(into: []) { unique, type in if !unique.contains(type) { unique.append(type) } }
    }

    /// Documents that may help without being required: the situation-specific proofs for "autre", and a signatory's
    /// powers for a legal entity.
    static func optional(capacity: ClaimantCapacity?, entityType: LegalEntityType?) -> [DocumentType] {
        var documents: [DocumentType] = capacity == .other ? [.titleDeed, .lease, .landlordCertificate] : []
        if entityType != nil { documents.append(.signatoryPowers) }
        return documents
    }
}

extension ClaimForm {
    /// The documents this claim needs, from its capacity and legal-entity type.
    var requiredDocuments: [DocumentType] {
        DocumentType.required(
            capacity: capacity,
            entityType: kind == .legalEntity ? entityType : nil,
            fromPoliceDeclaration: declarationId != nil
        )
    }

    /// The documents that may be added besides the required ones.
    var optionalDocuments: [DocumentType] {
        DocumentType.optional(capacity: capacity, entityType: kind == .legalEntity ? entityType : nil)
            .filter { !requiredDocuments.contains($0) }
    }
}
