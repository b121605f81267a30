/// The French names of the document types of domain.md §5.1: the `type` that `DocumentStored` and
/// `ClaimSubmitted.documents` carry, named the same way on every page and every PDF that lists them.
package enum DocumentTypeNames {
    /// The name of a type code; the code itself for a type this version does not know.
    package static func label(of code: String) -> String { labels[code] ?? code }

    package static let labels: [String: String] = [
        "attestation_information": "Attestation remise par la police ou la gendarmerie",
        "photo_prejudice": "Photos de la porte endommagée",
        "carte_identite": "Pièce d’identité (recto et verso)",
        "facture": "Facture acquittée de la remise en état de la porte à l’identique",
        "rib": "Relevé d’identité bancaire (RIB)",
        "non_prise_en_charge_assurance": "Attestation de non-prise en charge par votre assureur",
        "titre_propriete": "Titre de propriété",
        "contrat_location": "Contrat de location",
        "non_prise_en_charge_bailleur": "Attestation de non-prise en charge par votre bailleur",
        "extrait_kbis": "Extrait Kbis de moins de trois mois",
        "quittance_subrogative": "Quittance subrogative (si l’assureur a indemnisé la victime)",
        "piece_identite_signataire": "Pièce d’identité du signataire",
        "pouvoir_signataire": "Pouvoir ou délégation du signataire",
        "pv_association_statuts": "Procès-verbal désignant le représentant légal, ou statuts",
        "pv_ag_syndic": "Procès-verbal de l’assemblée générale désignant le syndic",
        "declaration_rna_joafe": "Récépissé de déclaration de l’association (RNA ou JOAFE)",
        "identification_etablissement_publique": "Document identifiant l’organisme public (SIREN)",
        "recepisse": "Récépissé de dépôt de la demande",
        "decision": "Décision du ministère, signée",
        "arrete_paiement": "Arrêté de paiement, signé",
        "acceptation": "Déclaration d’acceptation de la proposition",
        "piece_question_fdo": "Pièce jointe à une question aux enquêteurs",
    ]
}
