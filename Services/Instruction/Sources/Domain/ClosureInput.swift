import Foundation

/// Why a claim is closed without a decision (internal code) and what the claimant is told.
struct ClosureInput: Sendable, Equatable {
    /// Internal reasons, as `ClaimClosed.reason` carries them.
    enum Reason: String, Sendable, CaseIterable {
        case duplicate = "doublon"
        case noAnswer = "sans-suite"
        case withdrawn = "desistement"
        case other = "autre"

        var label: String {
            switch self {
            case .duplicate: "Doublon d’un dossier déjà en cours"
            case .noAnswer: "Sans réponse du requérant à une demande de complément"
            case .withdrawn: "Désistement du requérant"
            case .other: "Autre motif"
            }
        }
    }

    var reason: Reason
    var explanation: String

    /// Reads the form; the problems are keyed by field (`motif`, `explication`).
    static func parse(reason: String?, explanation: String?) -> Result<Self, InvalidActionInput> {
        var problems: [String: String] = [:]
        let reason = reason.flatMap(Reason.init(rawValue:))
        if reason == nil { problems["motif"] = "Choisissez le motif de la clôture." }
        let text = (explanation ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            problems["explication"] = "Écrivez l’explication qui sera envoyée au requérant."
        } else if text.count > 2000 {
            problems["explication"] =
                "L’explication ne doit pas dépasser 2 000 caractères (elle en compte \(text.count))."
        }
        guard let reason, problems.isEmpty else { return .failure(InvalidActionInput(problems: problems)) }
        return .success(Self(reason: reason, explanation: text))
    }
}
