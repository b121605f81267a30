import Foundation
import ServiceKit

/// What a rédacteur asks the declaring unit: a question and the date by which it is needed.
struct InvestigatorQueryInput: Sendable, Equatable {
    static let shortestDelayDays = 2
    static let longestDelayDays = 60
    static let defaultDelayDays = 10

    var question: String
    /// `YYYY-MM-DD`.
    var dueOn: String

    /// Reads the form; the problems are keyed by field (`question`, `echeance-question`).
    static func parse(question: String?, dueOn: String?, today: String) -> Result<Self, InvalidActionInput> {
        var problems: [String: String] = [:]
        let text = (question ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            problems["question"] = "Écrivez la question à poser à l’unité."
        } else if text.count > 2000 {
            problems["question"] = "La question ne doit pas dépasser 2 000 caractères (elle en compte \(text.count))."
        }
        let due = (dueOn ?? "").trimmingCharacters(in: .whitespaces)
        switch ParisTime.days(from: today, to: due) {
        case nil: problems["echeance-question"] = "Indiquez la date de réponse souhaitée au format JJ/MM/AAAA."
        case let days? where days < shortestDelayDays:
            problems["echeance-question"] = "Laissez au moins \(shortestDelayDays) jours à l’unité pour répondre."
        case let days? where days > longestDelayDays:
            problems["echeance-question"] = "La date de réponse ne peut pas dépasser \(longestDelayDays) jours."
        default: break
        }
        guard problems.isEmpty else { return .failure(InvalidActionInput(problems: problems)) }
        return .success(Self(question: text, dueOn: due))
    }
}
