/// Every answer of a declaration, named as in the forms and in the stored draft.
enum DeclarationField: String, CaseIterable, Sendable {
    case operationalError = "erreur"
    case errorDescription = "description"
    case operationDate = "dateOperation"
    case streetAddress = "adresse"
    case postalCode = "codePostal"
    case commune = "commune"
    case investigatingService = "serviceEnqueteur"
    case servicePhone = "telephoneService"
    case procedureNumber = "numeroProcedure"
    case court = "juridiction"
    case magistrate = "magistrat"
    case occupantKnown = "occupantConnu"
    case occupantCivility = "civilite"
    case occupantLastName = "nom"
    case occupantFirstName = "prenom"
    case occupantEmail = "courriel"
    case occupantPhone = "telephone"
    case occupantDetails = "precisions"

    /// Answers that may stay empty.
    var isOptional: Bool {
        [.court, .magistrate, .occupantEmail, .occupantPhone, .occupantDetails].contains(self)
    }
}

/// Was the door broken by mistake? (`NON`: the dwelling targeted by the operation; `DOUTE`: the office decides.)
enum OperationalError: String, CaseIterable, Sendable {
    case yes = "oui"
    case no = "non"
    case doubt = "doute"

    var label: String {
        switch self {
        case .yes: "Oui, le logement n’était pas celui visé par l’opération"
        case .no: "Non, le logement était celui visé par l’opération"
        case .doubt: "Je ne sais pas (le bureau du précontentieux appréciera)"
        }
    }
}
