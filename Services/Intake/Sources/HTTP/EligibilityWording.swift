/// The French wording of the eligibility test (domain.md §3.1), in one place for review by the office.
enum EligibilityWording {
    static func question(_ question: EligibilityQuestion, relation: DwellingRelation?) -> String {
        let landlord = relation?.isLandlord == true
        switch question {
        case .relation: return "Quelle est votre situation vis-à-vis du logement dont la porte a été endommagée ?"
        case .targeted:
            return landlord
                ? "Votre locataire était-il la personne recherchée par la police ou la gendarmerie ?"
                : "Étiez-vous la personne recherchée par la police ou la gendarmerie ?"
        case .hosting:
            return landlord
                ? "La personne recherchée était-elle hébergée par votre locataire ou un sous-locataire ?"
                : "La personne recherchée vit-elle ou séjourne-t-elle chez vous ?"
        case .insurer:
            return "Avez-vous contacté votre assureur et obtenu une attestation indiquant qu’il ne prend pas en charge le dommage ?"
        case .landlord:
            return "Avez-vous contacté votre bailleur et obtenu une attestation indiquant qu’il ne prend pas en charge la réparation ?"
        }
    }

    static func hint(_ question: EligibilityQuestion, relation: DwellingRelation?) -> String? {
        switch question {
        case .insurer: "Cette attestation sera demandée avec votre dossier."
        case .landlord: "En tant que locataire, cette attestation sera demandée avec votre dossier."
        default: nil
        }
    }

    static func choices(_ question: EligibilityQuestion) -> [(value: String, label: String)] {
        question == .relation
            ? DwellingRelation.allCases.map { ($0.rawValue, $0.label) }
            : [("oui", "Oui"), ("non", "Non")]
    }

    static func answer(_ question: EligibilityQuestion, _ value: String) -> String {
        if question == .relation { return DwellingRelation(rawValue: value)?.label ?? value }
        return value == "oui" ? "Oui" : "Non"
    }

    static func advice(_ missing: MissingCertificate) -> String {
        switch missing {
        case .insurer:
            "Contactez votre assureur et demandez-lui une attestation de non-prise en charge : sans elle, votre "
                + "dossier sera incomplet."
        case .landlord:
            "Contactez votre bailleur et demandez-lui une attestation indiquant qu’il ne prend pas en charge la "
                + "réparation : sans elle, votre dossier sera incomplet."
        }
    }

    static func explanation(_ reason: IneligibilityReason, relation: DwellingRelation) -> [String] {
        switch reason {
        case .targeted:
            [
                "L’indemnisation sans faute ne s’applique pas lorsque l’opération visait "
                    + (relation.isLandlord ? "votre locataire." : "vous-même."),
                "Seule une faute lourde des forces de l’ordre pourrait alors engager la responsabilité de l’État "
                    + "(Cour de cassation, assemblée plénière, 23 février 2001), et il vous reviendrait de la prouver.",
            ]
        case .hostedTargetedPerson:
            [
                "Lorsque la personne recherchée vit ou séjourne dans le logement, le locataire répond des dégradations "
                    + "causées par les personnes de sa maison ou ses sous-locataires (article 1735 du Code civil).",
                "L’État n’indemnise donc pas ce dommage au titre de la rupture d’égalité devant les charges publiques.",
            ]
        }
    }

    static func alternatives(_ reason: IneligibilityReason) -> [String] {
        var steps = [
            "Si vous estimez que les forces de l’ordre ont commis une faute lourde, vous pouvez saisir le tribunal "
                + "judiciaire contre l’Agent judiciaire de l’État ; un avocat peut vous conseiller.",
            "Votre assurance habitation (garantie dommages) peut couvrir la réparation : interrogez votre assureur.",
            "Si vous avez été victime d’une infraction, la commission d’indemnisation des victimes d’infractions (CIVI) "
                + "et le fonds de garantie (FGTI) peuvent vous indemniser : renseignez-vous sur justice.fr.",
        ]
        if reason == .hostedTargetedPerson {
            steps.insert("Le propriétaire peut demander la réparation au locataire, responsable des dégradations.", at: 0)
        }
        return steps
    }
}
