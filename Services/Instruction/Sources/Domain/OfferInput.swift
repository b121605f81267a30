import Foundation
import ServiceKit

/// The amount a rédacteur offers, line by line (at least one line), and the letter's body when edited.
struct OfferInput: Sendable, Equatable {
    static let maximumCents = 5_000_000

    var lines: [(label: String, cents: Int)]
    var body: String?

    var totalCents: Int { lines.reduce(0) { $0 + $1.cents } }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.lines.map(\.label) == rhs.lines.map(\.label) && lhs.lines.map(\.cents) == rhs.lines.map(\.cents)
            && lhs.body == rhs.body
    }

    /// Reads up to `rows` pairs of `libelle-N` / `montant-N` fields; problems are keyed by field.
    static func parse(labels: [String?], amounts: [String?], body: String?) -> Result<Self, InvalidActionInput> {
        var problems: [String: String] = [:]
        var lines: [(String, Int)] = []
        for (index, (label, amount)) in zip(labels, amounts).enumerated() {
            let label = (label ?? "").trimmingCharacters(in: .whitespaces)
            let amount = (amount ?? "").trimmingCharacters(in: .whitespaces)
            if label.isEmpty && amount.isEmpty { continue }
            guard !label.isEmpty, label.count <= 120 else {
                problems["libelle-\(index + 1)"] = "Indiquez ce que couvre ce montant (120 caractères au plus)."
                continue
            }
            guard let cents = Euros.cents(typed: amount), cents > 0 else {
                problems["montant-\(index + 1)"] = "Indiquez un montant en euros, par exemple 1 250,50."
                continue
            }
            lines.append((label, cents))
        }
        if lines.isEmpty, problems.isEmpty {
            problems["libelle-1"] = "Indiquez au moins une ligne : ce qui est indemnisé et son montant."
        }
        let total = lines.reduce(0) { $0 + $1.1 }
        if total > maximumCents { problems["montant-1"] = "Le total ne peut dépasser 50 000 €." }
        let text = (body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count > 10_000 { problems["corps"] = "Le courrier ne doit pas dépasser 10 000 caractères." }
        guard problems.isEmpty else { return .failure(InvalidActionInput(problems: problems)) }
        return .success(Self(lines: lines, body: text.isEmpty ? nil : text))
    }
}
