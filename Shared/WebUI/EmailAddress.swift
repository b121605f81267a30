import Foundation

/// An e-mail address as accounts are keyed: trimmed and lower-cased, with a plausible shape.
package struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    package let value: String

    /// Nil unless the text looks like `local@domain.tld` (no spaces, at most 254 characters).
    package init?(_ text: String) {
        let normalised = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = normalised.split(separator: "@", omittingEmptySubsequences: false)
        guard normalised.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !normalised.contains(where: \.isWhitespace)
        else { return nil }
        value = normalised
    }

    // Never the address itself: descriptions end up in logs and error reports.
    package var description: String { "EmailAddress(redacted)" }

    /// The French message shown next to an e-mail field that holds no valid address.
    package static let problem = "Indiquez une adresse électronique valide, par exemple nom@exemple.fr."
}
