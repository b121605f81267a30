import Foundation
import ServiceKit
import WebUI

/// A declaration's answers as typed, step by step: kept even when invalid (a draft never loses what was entered),
/// and validated on the server field by field, in French for the investigator.
struct DeclarationForm: Sendable, Equatable {
    private(set) var answers: [DeclarationField: String]

    init(answers: [String: String] = [:]) {
        self.answers = [:]
        for field in DeclarationField.allCases {
            if let value = answers[field.rawValue] { self.answers[field] = value.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// A field's answer, empty when not answered.
    subscript(field: DeclarationField) -> String {
        get { answers[field] ?? "" }
        set { answers[field] = newValue }
    }

    /// The answers keyed by field name, as the draft stores them.
    var stored: [String: String] {
        Dictionary(uniqueKeysWithValues: answers.map { ($0.key.rawValue, $0.value) })
    }

    /// Whether the investigator said they have the occupant's details.
    var knowsOccupant: Bool { self[.occupantKnown] == "oui" }

    /// Replaces the answers of one step with what was posted for it; a field left out (an unchecked radio) is
    /// cleared, answers of other steps are kept. The occupant's details are kept even when "no" is chosen (nothing
    /// typed is lost) but count only with "yes".
    mutating func update(_ step: DeclarationStep, from fields: [String: String]) {
        for field in step.fields(knowingOccupant: true) {
            answers[field] = (fields[field.rawValue] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    // MARK: - Validation

    /// Problems of one step keyed by field; empty when the step is complete.
    func problems(in step: DeclarationStep, today: Date) -> [DeclarationField: String] {
        var problems: [DeclarationField: String] = [:]
        for field in step.fields(knowingOccupant: knowsOccupant) { problems[field] = problem(of: field, today: today) }
        return problems
    }

    /// Where a draft resumes or what blocks submission: the first step with a problem, nil when complete.
    func firstIncompleteStep(today: Date) -> DeclarationStep? {
        DeclarationStep.allCases.first { !problems(in: $0, today: today).isEmpty }
    }

    /// The operation's day, when the answer is a well-formed `YYYY-MM-DD` date.
    var operationDay: Date? {
        try? Date(self[.operationDate], strategy: Date.ISO8601FormatStyle().year().month().day())
    }

    private static let longest = 200
    private static let longestText = 4000

    private func problem(of field: DeclarationField, today: Date) -> String? {
        let value = self[field]
        if value.isEmpty {
            return field.isOptional ? contactProblem(of: field) : Self.missing(field)
        }
        switch field {
        case .operationalError:
            return OperationalError(rawValue: value) == nil ? Self.missing(field) : nil
        case .occupantKnown:
            return ["oui", "non"].contains(value) ? nil : Self.missing(field)
        case .occupantCivility:
            return ["madame", "monsieur"].contains(value) ? nil : Self.missing(field)
        case .errorDescription, .occupantDetails:
            return value.count > Self.longestText
                ? "Ce texte dépasse \(Self.longestText) caractères : résumez-le." : nil
        case .operationDate:
            return operationDateProblem(today: today)
        case .postalCode:
            return value.count == 5 && value.allSatisfy(\.isASCII) && value.allSatisfy(\.isNumber)
                ? nil : "Indiquez un code postal à 5 chiffres, par exemple 75011."
        case .servicePhone, .occupantPhone:
            return PhoneNumber.e164(value) == nil
                ? "Indiquez un numéro de téléphone valide, par exemple 01 23 45 67 89 ou +33 1 23 45 67 89." : nil
        case .occupantEmail:
            return EmailAddress(value) == nil ? EmailAddress.problem : nil
        case .streetAddress, .commune, .investigatingService, .procedureNumber, .court, .magistrate,
            .occupantLastName, .occupantFirstName:
            return value.count > Self.longest ? "Cette réponse dépasse \(Self.longest) caractères." : nil
        }
    }

    /// The invitation needs a way to reach the occupant: an e-mail address or a telephone number.
    private func contactProblem(of field: DeclarationField) -> String? {
        guard field == .occupantEmail, knowsOccupant, self[.occupantPhone].isEmpty else { return nil }
        return "Indiquez l’adresse électronique ou le téléphone de l’occupant : l’invitation lui est envoyée ainsi."
    }

    private func operationDateProblem(today: Date) -> String? {
        guard operationDay != nil else { return "Indiquez la date de l’opération au format JJ/MM/AAAA." }
        // Days compared in Paris: just after midnight, today is already tomorrow in UTC's eyes.
        let day = self[.operationDate]
        let todayInParis = ParisTime.isoDay(of: today)
        if day > todayInParis { return "La date de l’opération ne peut pas être dans le futur." }
        // The State's debts lapse after four years (prescription quadriennale): older facts cannot be compensated.
        if let year = Int(todayInParis.prefix(4)), day < "\(year - 4)\(todayInParis.dropFirst(4))" {
            return "L’opération date de plus de quatre ans : elle ne peut plus donner lieu à indemnisation."
        }
        return nil
    }

    private static func missing(_ field: DeclarationField) -> String {
        switch field {
        case .operationalError: "Indiquez s’il s’agit d’une erreur opérationnelle."
        case .errorDescription: "Décrivez les faits : les dégâts constatés et les circonstances."
        case .operationDate: "Indiquez la date de l’opération."
        case .streetAddress: "Indiquez l’adresse du logement (numéro et voie)."
        case .postalCode: "Indiquez le code postal du logement."
        case .commune: "Indiquez la commune du logement."
        case .investigatingService: "Indiquez le service enquêteur."
        case .servicePhone: "Indiquez le téléphone du service enquêteur."
        case .procedureNumber: "Indiquez le numéro de procédure."
        case .occupantKnown: "Indiquez si vous connaissez les coordonnées de l’occupant."
        case .occupantCivility: "Indiquez la civilité de l’occupant."
        case .occupantLastName: "Indiquez le nom de l’occupant."
        case .occupantFirstName: "Indiquez le prénom de l’occupant."
        case .court, .magistrate, .occupantEmail, .occupantPhone, .occupantDetails: "Ce champ est facultatif."
        }
    }
}
