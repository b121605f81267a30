import Foundation

/// Text folded the way agents search it: lower case, accents and case ignored, spaces collapsed.
enum SearchText {
    static func fold(_ parts: String?...) -> String {
        parts.compactMap { $0 }.joined(separator: " ")
            .folding(
                options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive],
                locale: Locale(identifier: "fr_FR")
            )
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
