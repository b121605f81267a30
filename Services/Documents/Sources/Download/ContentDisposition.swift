import Foundation

/// `Content-Disposition` values per RFC 6266: a plain ASCII `filename` for old clients and the exact name in
/// `filename*` (RFC 8187, UTF-8, percent-encoded).
enum ContentDisposition {
    static func attachment(fileName: String) -> String {
        let name = fileName.isEmpty ? "document" : fileName
        return "attachment; filename=\"\(asciiFallback(name))\"; filename*=UTF-8''\(percentEncoded(name))"
    }

    /// Accents dropped, anything else outside a safe set (quotes, backslashes, controls) replaced by `_`.
    static func asciiFallback(_ name: String) -> String {
        let folded = name.folding(
            options: [.diacriticInsensitive, .widthInsensitive],
            locale: Locale(identifier: "fr_FR")
        )
        return String(
            folded.unicodeScalars.map { scalar -> Character in
                let safe =
                    scalar.isASCII
                    && (CharacterSet.alphanumerics.contains(scalar) || " ._-()".unicodeScalars.contains(scalar))
                return safe ? Character(scalar) : "_"
            }
        )
    }

    private static func percentEncoded(_ name: String) -> String {
        // RFC 8187 attr-char.
        let allowed = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~"
        )
        return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "document"
    }
}
