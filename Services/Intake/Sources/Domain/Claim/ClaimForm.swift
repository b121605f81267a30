import Foundation
import ServiceKit
import WebUI

/// The claim form's answers as typed, step by step: kept even when invalid (a draft never loses what was
/// entered), and validated on the server field by field.
struct ClaimForm: Sendable, Equatable {
    private var answers: [ClaimField: String]
    /// The eligibility test the claimant took before filing (empty when skipped).
    var eligibility: EligibilityAnswers
    /// The investigators' declaration attached with its code: it stands for the police attestation.
    var declarationId: UUID?

    /// Reads the answers and the eligibility test from form fields, trimming spaces; unknown names are ignored.
    init(fields: [String: String]) {
        answers = [:]
        for field in ClaimField.allCases {
            if let value = fields[field.rawValue] { answers[field] = Self.trimmed(value) }
        }
        eligibility = EligibilityAnswers(query: fields)
    }

    /// A field's answer, empty when not answered.
    subscript(field: ClaimField) -> String {
        get { answers[field] ?? "" }
        set { answers[field] = newValue }
    }

    /// Replaces the answers of one step with what was posted for it; a field left out (an unchecked radio) is
    /// cleared, answers of other steps are kept.
    mutating func update(_ step: ClaimStep, from fields: [String: String]) {
        let kind = step == .claimant ? fields[ClaimField.claimantKind.rawValue].flatMap(ClaimantKind.init) : self.kind
        for field in step.fields(for: kind) { answers[field] = Self.trimmed(fields[field.rawValue] ?? "") }
    }

    /// The answers to keep in clear: every answered field but the bank details, plus the eligibility test.
    var plainAnswers: [String: String] {
        var plain = Dictionary(uniqueKeysWithValues: eligibility.fields.map { ($0.name, $0.value) })
        for (field, value) in answers where !ClaimField.bank.contains(field) { plain[field.rawValue] = value }
        return plain
    }

    /// The bank answers as typed, to be sealed at rest.
    var bankAnswers: [String: String] {
        Dictionary(uniqueKeysWithValues: ClaimField.bank.map { ($0.rawValue, self[$0]) })
    }

    // MARK: - Validation

    /// Problems of one step, keyed by field, in French for the person filling the form; empty when valid.
    func problems(in step: ClaimStep, today: Date) -> [ClaimField: String] {
        var problems: [ClaimField: String] = [:]
        for field in step.fields(for: kind) { problems[field] = problem(of: field, today: today) }
        return problems
    }

    /// Problems of the whole claim, step by step; empty when it can be submitted.
    func problemsByStep(today: Date) -> [ClaimStep: [ClaimField: String]] {
        var problems: [ClaimStep: [ClaimField: String]] = [:]
        for step in ClaimStep.allCases {
            var stepProblems = self.problems(in: step, today: today)
            if step == .identity { stepProblems[.email] = problem(of: .email, today: today) }
            if !stepProblems.isEmpty { problems[step] = stepProblems }
        }
        return problems
    }

    /// Where a draft resumes: the first step with a problem, or nil when every step is complete.
    func firstIncompleteStep(today: Date) -> ClaimStep? {
        let problems = problemsByStep(today: today)
        return ClaimStep.allCases.first { problems[$0] != nil }
    }

    /// Every problem of the claim keyed by field name (the JSON API's answer); empty when it can be submitted.
    func problems(today: Date) -> [String: String] {
        var flat: [String: String] = [:]
        for (_, problems) in problemsByStep(today: today) {
            for (field, message) in problems { flat[field.rawValue] = message }
        }
        return flat
    }

    private func problem(of field: ClaimField, today: Date) -> String? {
        let value = self[field]
        if value.count > field.maximumLength {
            return "Ne dépassez pas \(field.maximumLength) caractères (vous en avez saisi \(value.count))."
        }
        switch field {
        case .claimantKind:
            return kind == nil
                ? "Indiquez si vous faites la demande en votre nom ou au nom d’une personne morale." : nil
        case .civility: return Self.civilities.contains { $0.value == value } ? nil : "Indiquez la civilité."
        case .firstName:
            return value.isEmpty
                ? (kind == .legalEntity ? "Indiquez le prénom du représentant." : "Indiquez votre prénom.") : nil
        case .lastName:
            return value.isEmpty
                ? (kind == .legalEntity ? "Indiquez le nom du représentant." : "Indiquez votre nom.") : nil
        case .birthName: return nil
        case .capacityDetail:
            return capacity == .other && value.isEmpty
                ? "Précisez à quel titre vous occupez ou gérez le logement." : nil
        case .birthDate: return Self.birthDateProblem(value, today: today)
        case .birthPlace:
            return value.isEmpty ? "Indiquez votre commune de naissance (et le pays, si hors de France)." : nil
        case .phone:
            return value.isEmpty || PhoneNumber.e164(value) != nil
                ? nil : "Indiquez un numéro de téléphone valide, par exemple 06 12 34 56 78 ou +32 470 12 34 56."
        case .email:
            return EmailAddress(value) == nil
                ? "Indiquez une adresse électronique valide, par exemple nom@exemple.fr." : nil
        case .entityType: return entityType == nil ? "Indiquez le type de personne morale." : nil
        case .companyName: return value.isEmpty ? "Indiquez la raison sociale." : nil
        case .companyNumber: return CompanyNumber.problem(CompanyNumber.normalised(value))
        case .representativeRole:
            return value.isEmpty
                ? "Indiquez la qualité du représentant, par exemple gérant, président ou directeur." : nil
        case .residenceStreetAddress:
            return value.isEmpty
                ? (kind == .legalEntity ? "Indiquez l’adresse du siège." : "Indiquez votre adresse.") : nil
        case .residencePostalCode, .postalCode:
            return Self.isPostalCode(value) ? nil : "Le code postal doit comporter 5 chiffres."
        case .residenceCommune, .commune: return value.isEmpty ? "Indiquez la commune." : nil
        case .capacity: return capacity == nil ? "Indiquez à quel titre vous demandez l’indemnisation." : nil
        case .streetAddress: return value.isEmpty ? "Indiquez l’adresse du logement." : nil
        case .doorBreakDate:
            guard Self.day(value) != nil else { return "Indiquez la date du bris de porte au format JJ/MM/AAAA." }
            // Days compared in Paris: just after midnight, today is already tomorrow in UTC's eyes.
            return value > ParisTime.isoDay(of: today)
                ? "La date du bris de porte ne peut pas être dans le futur." : nil
        case .force:
            return Self.forces.contains { $0.value == value }
                ? nil : "Indiquez quel service est intervenu, ou « je ne sais pas »."
        case .armouredDoor: return value == "oui" || value == "non" ? nil : "Indiquez si la porte était blindée."
        case .description:
            return value.isEmpty ? "Décrivez en quelques phrases l’intervention et les dégâts causés à la porte." : nil
        case .claimedAmount: return EuroAmount.problem(value)
        case .accountHolder:
            return value.isEmpty ? "Indiquez le titulaire du compte, tel qu’il figure sur le RIB." : nil
        case .iban: return BankDetails.ibanProblem(BankDetails.normalised(value))
        case .bic: return BankDetails.bicProblem(BankDetails.normalised(value))
        }
    }

    private static func birthDateProblem(_ value: String, today: Date) -> String? {
        guard day(value) != nil else { return "Indiquez votre date de naissance au format JJ/MM/AAAA." }
        guard value < ParisTime.isoDay(of: today) else { return "La date de naissance doit être dans le passé." }
        guard value >= "1900-01-01" else { return "Vérifiez l’année de naissance." }
        return nil
    }

    // MARK: - Choices

    static let civilities: [(value: String, label: String)] = [("MME", "Madame"), ("M", "Monsieur")]

    /// The forces that break doors during judicial operations, and the answer for a claimant who does not know.
    static let forces: [(value: String, label: String)] = [
        ("PN", "Police nationale"), ("GN", "Gendarmerie nationale"), ("PP", "Préfecture de police (Paris)"),
        ("inconnu", "Je ne sais pas"),
    ]

    // MARK: - Values, meaningful once the answers are valid

    var kind: ClaimantKind? { ClaimantKind(rawValue: self[.claimantKind]) }
    var entityType: LegalEntityType? { LegalEntityType(rawValue: self[.entityType]) }
    var capacity: ClaimantCapacity? { ClaimantCapacity(rawValue: self[.capacity]) }

    /// The operating force as recorded (nil when unknown).
    var operatingForce: String? { self[.force] == "inconnu" || self[.force].isEmpty ? nil : self[.force] }

    var claimedAmountCents: Int? { EuroAmount.cents(self[.claimedAmount]) }

    /// The bank details, normalised.
    var bankDetails: BankDetails {
        BankDetails(
            iban: BankDetails.normalised(self[.iban]),
            bic: BankDetails.normalised(self[.bic]),
            holder: self[.accountHolder]
        )
    }

    /// A date answer (`YYYY-MM-DD`) as a date at midnight UTC, when well formed.
    func day(_ field: ClaimField) -> Date? { Self.day(self[field]) }

    private static func day(_ text: String) -> Date? {
        guard text.count == 10 else { return nil }
        return try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day())
    }

    private static func isPostalCode(_ text: String) -> Bool {
        text.count == 5 && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func trimmed(_ text: String) -> String {
        text.withoutControlCharacters.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
