import Foundation

/// Compares place names as people type them with the official ones: case, accents, hyphens, apostrophes and the
/// `ST`/`STE` of La Poste's file do not matter (`saint-etienne`, `ST ETIENNE` and `Saint-Étienne` are one).
package enum PlaceNames {
    package static func folded(_ name: String) -> String {
        let words = name.folding(
            options: [.diacriticInsensitive, .caseInsensitive],
            locale: Locale(identifier: "fr_FR")
        )
        .lowercased()
        .map { $0.isLetter || $0.isNumber ? $0 : " " }
        .split(separator: " ")
        .map { word -> String in
            switch String(word) {
            case "st": "saint"
            case "ste": "sainte"
            case let other: other
            }
        }
        return words.joined(separator: " ")
    }
}
