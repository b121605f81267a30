import Foundation

/// A signed-in police or gendarmerie investigator; what they see and do is scoped to their unit.
struct Investigator: Sendable, Equatable {
    var id: UUID
    var displayName: String
    /// `PN`, `GN` or `PP`.
    var force: String
    var unitCode: String
    var unitName: String

    /// `Gendarmerie nationale — Brigade de recherches de Lyon`.
    var unitLabel: String {
        let forceName =
            switch force {
            case "GN": "Gendarmerie nationale"
            case "PP": "Préfecture de police"
            default: "Police nationale"
            }
        return unitName.isEmpty ? "\(forceName) — \(unitCode)" : "\(forceName) — \(unitName)"
    }
}
