/// The short code an occupant types to attach a declaration to their claim: eight characters from an alphabet
/// without look-alikes (no 0/O, 1/I/L), shown as `ABCD-EFGH`. Typed codes are read leniently (case, spaces, dash).
package struct DeclarationCode: Sendable, Hashable, Codable, CustomStringConvertible {
    package static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
    package static let length = 8

    /// `ABCDEFGH`, as stored and sent.
    package let value: String

    /// A fresh random code.
    package static func random() -> DeclarationCode {
        var generator = SystemRandomNumberGenerator()
        return DeclarationCode(
            checked: String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "A" })
        )
    }

    /// A code as typed (`abcd-efgh`, `ABCD EFGH`), or nil when it cannot be one.
    package init?(typed text: String) {
        let compact = text.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        guard compact.count == Self.length, compact.allSatisfy(Self.alphabet.contains) else { return nil }
        value = compact
    }

    private init(checked value: String) { self.value = value }

    /// `ABCD-EFGH`: two groups are easier to read out and copy.
    package var display: String { "\(value.prefix(4))-\(value.suffix(4))" }

    package var description: String { display }

    package init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = DeclarationCode(typed: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a code"))
        }
        self = code
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
