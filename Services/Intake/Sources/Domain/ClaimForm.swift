import Foundation

/// The minimal claim form of the walking skeleton, validated on the server field by field.
struct ClaimForm: Sendable, Equatable {
    var firstName: String
    var lastName: String
    var email: String
    /// `YYYY-MM-DD`, as sent by `<input type="date">`.
    var doorBreakDate: String
    var streetAddress: String
    var postalCode: String
    var commune: String
    /// `PN`, `GN`, `PP` or `inconnu` (the claimant may not know which force it was).
    var force: String
    /// `oui` or `non`.
    var armouredDoor: String
    /// As typed; normalised by `bankDetails`.
    var iban: String
    var bic: String
    var accountHolder: String
    /// The eligibility test the claimant took before filing, carried by the form (none when skipped).
    var eligibility: EligibilityAnswers

    /// Reads the form fields, trimming spaces; absent fields become empty strings.
    init(fields: [String: String]) {
        func field(_ name: String) -> String { (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        firstName = field("firstName")
        lastName = field("lastName")
        email = field("email")
        doorBreakDate = field("doorBreakDate")
        streetAddress = field("streetAddress")
        postalCode = field("postalCode")
        commune = field("commune")
        force = field("force")
        armouredDoor = field("armouredDoor")
        iban = field("iban")
        bic = field("bic")
        accountHolder = field("accountHolder")
        eligibility = EligibilityAnswers(query: fields)
    }

    /// Every problem, keyed by field name, in French for the person filling the form; empty when valid.
    func problems(today: Date) -> [String: String] {
        var problems: [String: String] = [:]
        if firstName.isEmpty { problems["firstName"] = "Indiquez votre prénom." }
        if firstName.count > 100 { problems["firstName"] = "Le prénom ne peut dépasser 100 caractères." }
        if lastName.isEmpty { problems["lastName"] = "Indiquez votre nom." }
        if lastName.count > 100 { problems["lastName"] = "Le nom ne peut dépasser 100 caractères." }
        if !Self.isEmail(email) {
            problems["email"] = "Indiquez une adresse électronique valide, par exemple nom@exemple.fr."
        }
        if let date = Self.day(doorBreakDate) {
            if date > today { problems["doorBreakDate"] = "La date du bris de porte ne peut pas être dans le futur." }
        } else {
            problems["doorBreakDate"] = "Indiquez la date du bris de porte au format JJ/MM/AAAA."
        }
        if streetAddress.isEmpty { problems["streetAddress"] = "Indiquez l’adresse du logement." }
        if streetAddress.count > 200 { problems["streetAddress"] = "L’adresse ne peut dépasser 200 caractères." }
        if postalCode.count != 5 || !postalCode.allSatisfy(\.isASCIIDigit) {
            problems["postalCode"] = "Le code postal doit comporter 5 chiffres."
        }
        if commune.isEmpty { problems["commune"] = "Indiquez la commune." }
        if commune.count > 100 { problems["commune"] = "La commune ne peut dépasser 100 caractères." }
        if !Self.forces.map(\.value).contains(force) {
            problems["force"] = "Indiquez quel service est intervenu, ou « je ne sais pas »."
        }
        if armouredDoor != "oui" && armouredDoor != "non" { problems["armouredDoor"] = "Indiquez si la porte était blindée." }
        problems["iban"] = BankDetails.ibanProblem(BankDetails.normalised(iban))
        problems["bic"] = BankDetails.bicProblem(BankDetails.normalised(bic))
        if accountHolder.isEmpty { problems["accountHolder"] = "Indiquez le titulaire du compte, tel qu’il figure sur le RIB." }
        if accountHolder.count > 140 { problems["accountHolder"] = "Le titulaire ne peut dépasser 140 caractères." }
        return problems
    }

    /// The forces that break doors during judicial operations, and the answer for a claimant who does not know.
    static let forces: [(value: String, label: String)] = [
        ("PN", "Police nationale"), ("GN", "Gendarmerie nationale"), ("PP", "Préfecture de police (Paris)"),
        ("inconnu", "Je ne sais pas"),
    ]

    /// The operating force as recorded (nil when unknown).
    var operatingForce: String? { force == "inconnu" || force.isEmpty ? nil : force }

    /// The bank details, normalised (meaningful once `problems` is empty).
    var bankDetails: BankDetails {
        BankDetails(iban: BankDetails.normalised(iban), bic: BankDetails.normalised(bic), holder: accountHolder)
    }

    /// The door-break day as a date at midnight UTC, when well formed.
    var doorBreakDay: Date? { Self.day(doorBreakDate) }

    private static func day(_ text: String) -> Date? {
        guard text.count == 10 else { return nil }
        return try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day())
    }

    private static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard text.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !text.contains(where: \.isWhitespace)
        else { return false }
        return true
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
