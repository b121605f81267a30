import Foundation

/// A rédacteur's verdict on one of the claim's documents; a rejection says why.
struct DocumentReviewInput: Sendable, Equatable {
    enum Verdict: String, Sendable {
        case accepted, rejected
    }

    var verdict: Verdict
    var reason: String?

    /// Reads the form; the problems are keyed by field (`verdict`, `raison`).
    static func parse(verdict: String?, reason: String?) -> Result<Self, InvalidActionInput> {
        guard let verdict = verdict.flatMap(Verdict.init(rawValue:)) else {
            return .failure(InvalidActionInput("verdict", "Choisissez d’accepter ou de refuser la pièce."))
        }
        let text = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if verdict == .rejected, text.isEmpty {
            return .failure(InvalidActionInput("raison", "Indiquez pourquoi la pièce est refusée."))
        }
        if text.count > 500 {
            return .failure(InvalidActionInput("raison", "La raison ne doit pas dépasser 500 caractères."))
        }
        return .success(Self(verdict: verdict, reason: text.isEmpty ? nil : text))
    }
}
