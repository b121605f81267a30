/// The motives of a rejection (domain.md §2.4), each with the ground the letter states.
enum RejectionReason: String, Sendable, CaseIterable {
    case targeted = "MIS_EN_CAUSE"
    case targetedAfterDogMarking = "MIS_EN_CAUSE_CHIEN"
    case tenantTargeted = "LOCATAIRE"
    case tenantTargetedAfterDogMarking = "LOCATAIRE_CHIEN"
    case shortTermGuestTargeted = "LOCATAIRE_AIRBNB"
    case tenantHostedTarget = "LOCATAIRE_HEBERGEANT"
    case tenantCommonParts = "LOCATAIRE_PARTIES_COMMUNES"

    var label: String {
        switch self {
        case .targeted: "Le requérant était la personne visée par l’opération"
        case .targetedAfterDogMarking: "Le requérant était visé à la suite d’un marquage par un chien"
        case .tenantTargeted: "Le locataire était la personne visée"
        case .tenantTargetedAfterDogMarking: "Le locataire était visé à la suite d’un marquage par un chien"
        case .shortTermGuestTargeted: "La personne visée était un occupant de location de courte durée"
        case .tenantHostedTarget: "Le locataire hébergeait la personne visée"
        case .tenantCommonParts: "Le locataire était visé et les parties communes ont été endommagées"
        }
    }

    /// The motive's legal ground, as the letter states it.
    var ground: String {
        switch self {
        case .targeted:
            "Il ressort de la procédure que vous étiez la personne visée par l’opération de police judiciaire. "
                + "Seule une faute lourde des services enquêteurs, qu’il vous appartiendrait de démontrer, pourrait "
                + "engager la responsabilité de l’État."
        case .targetedAfterDogMarking:
            "Il ressort de la procédure que l’opération a été conduite à votre domicile à la suite du marquage d’un "
                + "chien spécialisé, ce qui vous désignait comme personne visée (Cass. crim., 11 décembre 2019)."
        case .tenantTargeted:
            "Il ressort de la procédure que votre locataire était la personne visée par l’opération. Le locataire "
                + "répond des dégradations survenues pendant sa jouissance (article 1732 du code civil)."
        case .tenantTargetedAfterDogMarking:
            "Il ressort de la procédure que votre locataire était visé à la suite du marquage d’un chien "
                + "spécialisé ; il répond des dégradations survenues pendant sa jouissance (article 1732 du code civil)."
        case .shortTermGuestTargeted:
            "Il ressort de la procédure que la personne visée occupait le logement en location de courte durée ; les "
                + "règles du louage (articles 1713 à 1778 du code civil) régissent la réparation des dégradations."
        case .tenantHostedTarget:
            "Il ressort de la procédure que votre locataire hébergeait la personne visée. Le locataire répond des "
                + "dégradations causées par les personnes de sa maison (article 1735 du code civil)."
        case .tenantCommonParts:
            "Il ressort de la procédure que votre locataire était la personne visée ; le bail met à sa charge les "
                + "dégradations des parties communes qui en résultent."
        }
    }
}
