import Contracts
import Foundation
import ServiceKit

/// What a rédacteur asks the claimant for: documents from the checklist, a message, and a deadline.
struct InformationRequestInput: Sendable, Equatable {
    static let shortestDelayDays = 7
    static let longestDelayDays = 90
    static let defaultDelayDays = 21

    var documentTypes: [String]
    var message: String
    /// `YYYY-MM-DD`.
    var dueOn: String

    /// Reads the form; the problems are keyed by field (`pieces`, `message`, `echeance`).
    static func parse(documentTypes: [String], message: String?, dueOn: String?, today: String) -> Result<
        Self, InvalidActionInput
    > {
        var problems: [String: String] = [:]
        let types = documentTypes.filter { !$0.isEmpty }
        if let unknown = types.first(where: { DocumentTypeNames.labels[$0] == nil || $0 == "recepisse" }) {
            problems["pieces"] = "Pièce inconnue : « \(unknown) »."
        }
        let text = (message ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            problems["message"] = "Écrivez au requérant ce qui manque et pourquoi."
        } else if text.count > 2000 {
            problems["message"] = "Le message ne doit pas dépasser 2 000 caractères (il en compte \(text.count))."
        }
        let due = (dueOn ?? "").trimmingCharacters(in: .whitespaces)
        switch ParisTime.days(from: today, to: due) {
        case nil: problems["echeance"] = "Indiquez la date limite de réponse au format JJ/MM/AAAA."
        case let days? where days < shortestDelayDays:
            problems["echeance"] = "Laissez au moins \(shortestDelayDays) jours au requérant pour répondre."
        case let days? where days > longestDelayDays:
            problems["echeance"] = "La date limite ne peut pas dépasser \(longestDelayDays) jours."
        default: break
        }
        guard problems.isEmpty else { return .failure(InvalidActionInput(problems: problems)) }
        return .success(Self(documentTypes: Array(Set(types)).sorted(), message: text, dueOn: due))
    }
}
