import WebUI

/// How each question of the wizard is asked: label, hint, input type, or the options of a choice.
struct DeclarationWording: QuestionWording {
    var label: String
    var hint: String?
    var type = "text"
    var multiline = false
    var autocomplete: String?
    var options: [(value: String, label: String)]?
    var optional: Bool

    init(_ field: DeclarationField) {
        optional = field.isOptional
        switch field {
        case .operationalError:
            label = "S’agit-il d’une erreur opérationnelle ?"
            hint = "Par exemple une erreur d’adresse, ou un logement voisin endommagé."
            options = OperationalError.allCases.map { ($0.rawValue, $0.label) }
        case .errorDescription:
            label = "Description des faits"
            hint = "Les dégâts constatés et les circonstances (difficultés d’identification…), sans appréciation."
            multiline = true
        case .operationDate:
            label = "Date de l’opération"
            hint = "Format attendu : JJ/MM/AAAA"
            type = "date"
        case .streetAddress:
            label = "Adresse du logement"
            hint = "Numéro, voie, et le cas échéant bâtiment, étage, porte"
            autocomplete = "street-address"
        case .postalCode:
            label = "Code postal"
            hint = "5 chiffres, par exemple 75011"
            autocomplete = "postal-code"
        case .commune:
            label = "Commune"
            autocomplete = "address-level2"
        case .investigatingService:
            label = "Service enquêteur"
            hint = "Confidentiel : jamais communiqué à l’occupant. Par exemple « Brigade de recherches de Lyon »."
        case .servicePhone:
            label = "Téléphone du service ou de l’enquêteur"
            hint = "Pour que le bureau du précontentieux puisse vous joindre."
            type = "tel"
        case .procedureNumber:
            label = "Numéro de procédure"
        case .court:
            label = "Juridiction ou parquet"
        case .magistrate:
            label = "Nom du magistrat"
        case .occupantKnown:
            label = "Connaissez-vous les coordonnées de l’occupant ?"
            hint =
                "Avec elles, l’occupant reçoit aussitôt une invitation à déposer sa demande. Sans elles, remettez-lui "
                + "l’avis imprimable ; vous pourrez aussi les ajouter plus tard."
            options = [("oui", "Oui"), ("non", "Non")]
        case .occupantCivility:
            label = "Civilité de l’occupant"
            options = [("madame", "Madame"), ("monsieur", "Monsieur")]
        case .occupantLastName:
            label = "Nom de l’occupant"
        case .occupantFirstName:
            label = "Prénom de l’occupant"
        case .occupantEmail:
            label = "Adresse électronique de l’occupant"
            hint = "L’adresse électronique ou le téléphone, au moins l’un des deux. Format : nom@exemple.fr"
            type = "email"
        case .occupantPhone:
            label = "Téléphone portable de l’occupant"
            hint = "Pour l’invitation par SMS. Par exemple 06 12 34 56 78"
            type = "tel"
        case .occupantDetails:
            label = "Précisions"
            hint = "Par exemple : avis d’intervention laissé dans la boîte aux lettres, gardien prévenu."
            multiline = true
        }
    }
}
