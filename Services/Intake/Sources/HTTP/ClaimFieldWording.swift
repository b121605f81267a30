import Contracts
import WebUI

/// How each answer of the claim form is asked: label, hint, input type, and the options of a choice.
struct ClaimFieldWording: QuestionWording {
    var label: String
    var hint: String? = nil
    var type = "text"
    var autocomplete: String? = nil
    var multiline = false
    var optional = false
    /// The options of a radio group; nil for a typed answer.
    var options: [(value: String, label: String)]? = nil

    /// The wording for a claimant filing as `kind` (a legal entity is asked about its representative).
    init(_ field: ClaimField, kind: ClaimantKind?) {
        let entity = kind == .legalEntity
        switch field {
        case .claimantKind:
            self.init(
                label: "Vous faites cette demande…",
                options: ClaimantKind.allCases.map { ($0.rawValue, $0.label) }
            )
        case .civility:
            self.init(label: entity ? "Civilité du représentant" : "Civilité", options: ClaimForm.civilities)
        case .firstName:
            self.init(label: entity ? "Prénom du représentant" : "Prénom", autocomplete: "given-name")
        case .lastName:
            self.init(label: entity ? "Nom du représentant" : "Nom d’usage", autocomplete: "family-name")
        case .birthName:
            self.init(label: "Nom de naissance", hint: "S’il diffère de votre nom d’usage.", optional: true)
        case .birthDate: self.init(label: "Date de naissance", type: "date", autocomplete: "bday")
        case .birthPlace:
            self.init(label: "Lieu de naissance", hint: "Commune, et pays si vous êtes né(e) hors de France.")
        case .phone:
            self.init(
                label: "Téléphone",
                hint: "Pour être prévenu(e) par SMS de l’avancement de votre demande.",
                type: "tel",
                autocomplete: "tel",
                optional: true
            )
        case .email: self.init(label: "Adresse électronique", type: "email", autocomplete: "email")
        case .entityType:
            self.init(
                label: "Type de personne morale",
                options: LegalEntityType.allCases.map { ($0.rawValue, $0.label) }
            )
        case .companyName: self.init(label: "Raison sociale", autocomplete: "organization")
        case .companyNumber:
            self.init(
                label: "Numéro SIREN ou SIRET",
                hint: "9 ou 14 chiffres, inscrits sur l’extrait Kbis ou l’avis de situation INSEE."
            )
        case .representativeRole:
            self.init(label: "Qualité du représentant", hint: "Par exemple gérant, président ou directeur.")
        case .residenceStreetAddress:
            self.init(
                label: entity ? "Adresse du siège" : "Votre adresse",
                hint: "Numéro et voie, complément éventuel.",
                autocomplete: "street-address"
            )
        case .residencePostalCode, .postalCode:
            self.init(label: "Code postal", hint: "5 chiffres", autocomplete: "postal-code")
        case .residenceCommune, .commune: self.init(label: "Commune", autocomplete: "address-level2")
        case .capacity:
            self.init(
                label: "À quel titre demandez-vous l’indemnisation ?",
                options: ClaimantCapacity.allCases.map { ($0.rawValue, $0.label) }
            )
        case .capacityDetail:
            self.init(
                label: "Précisez votre situation",
                hint:
                    "Seulement si vous avez répondu « Autre situation » : usufruitier, occupant à titre gratuit, gestionnaire…",
                optional: true
            )
        case .streetAddress:
            self.init(label: "Adresse du logement dont la porte a été forcée", hint: "Numéro et voie, étage ou porte.")
        case .doorBreakDate: self.init(label: "Date de l’intervention", type: "date")
        case .force: self.init(label: "Quel service est intervenu ?", options: ClaimForm.forces)
        case .armouredDoor:
            self.init(label: "La porte était-elle blindée ?", options: [("oui", "Oui"), ("non", "Non")])
        case .description:
            self.init(
                label: "Décrivez l’intervention et les dégâts",
                hint:
                    "Ce qui s’est passé, ce qui a été endommagé (porte, serrure, encadrement) et les réparations faites.",
                multiline: true
            )
        case .claimedAmount:
            self.init(
                label: "Montant demandé, en euros",
                hint: "Le montant TTC de la facture de remise en état de la porte à l’identique, par exemple 1250,50.",
                autocomplete: "off"
            )
        case .accountHolder:
            self.init(
                label: "Titulaire du compte",
                hint: "Tel qu’il figure sur le relevé d’identité bancaire (RIB).",
                autocomplete: "name"
            )
        case .iban:
            self.init(
                label: "IBAN",
                hint: "27 caractères pour un compte en France, par exemple FR76 3000 6000 0112 3456 7890 189."
            )
        case .bic: self.init(label: "BIC", hint: "8 ou 11 caractères, par exemple BNPAFRPP.")
        }
    }

    private init(
        label: String,
        hint: String? = nil,
        type: String = "text",
        autocomplete: String? = nil,
        multiline: Bool = false,
        optional: Bool = false,
        options: [(value: String, label: String)]? = nil
    ) {
        self.label = label
        self.hint = hint
        self.type = type
        self.autocomplete = autocomplete
        self.multiline = multiline
        self.optional = optional
        self.options = options
    }

    /// How an answer reads back on the review page.
    func display(_ value: String) -> String {
        if let options { return options.first { $0.value == value }?.label ?? value }
        return value
    }
}

extension DocumentType {
    /// The type's name on pages, the same as on the documents service's PDFs.
    var label: String { DocumentTypeNames.label(of: rawValue) }
}
