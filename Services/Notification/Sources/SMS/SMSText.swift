import Foundation

/// A text message's body as the network carries it: French typography the GSM alphabet lacks is replaced (`’` by
/// `'`, `ê` by `e`, `œ` by `oe`…) so that most messages go in GSM 03.38 (160 characters a part, 153 when split);
/// anything else makes the message UCS-2 (70 a part, 67 when split).
struct SMSText: Sendable, Equatable {
    enum Encoding: String, Sendable {
        case gsm7 = "GSM-7"
        case ucs2 = "UCS-2"
    }

    let text: String
    let encoding: Encoding
    /// How many parts the network sends (each billed).
    let segments: Int

    /// Longer texts are refused: a message is a notice with a link, never a letter.
    static let maximumSegments = 4

    init(_ original: String) {
        // French quotation marks go with their inner spaces: « code » reads "code".
        var quoted = original
        for space in [" ", "\u{00A0}", "\u{202F}"] {
            quoted = quoted.replacingOccurrences(of: "«" + space, with: "«").replacingOccurrences(
                of: space + "»",
                with: "»"
            )
        }
        let replaced = String(quoted.flatMap { Self.replacements[$0] ?? String($0) })
        if replaced.allSatisfy({ Self.basic.contains($0) || Self.extended.contains($0) }) {
            text = replaced
            encoding = .gsm7
            let units = replaced.reduce(0) { $0 + (Self.extended.contains($1) ? 2 : 1) }
            segments = units <= 160 ? 1 : (units + 152) / 153
        } else {
            text = original
            encoding = .ucs2
            let units = original.utf16.count
            segments = units <= 70 ? 1 : (units + 66) / 67
        }
    }

    var isTooLong: Bool { segments > Self.maximumSegments }

    // GSM 03.38: the basic table and the characters of its extension table (two units each).
    private static let basic = Set(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
            + "abcdefghijklmnopqrstuvwxyzäöñüà"
    )
    private static let extended = Set("^{}\\[~]|€")

    private static let replacements: [Character: String] = [
        "’": "'", "‘": "'", "“": "\"", "”": "\"", "«": "\"", "»": "\"", "–": "-", "—": "-", "…": "...",
        "\u{00A0}": " ", "\u{202F}": " ", "œ": "oe", "Œ": "OE", "â": "a", "ê": "e", "î": "i", "ô": "o", "û": "u",
        "ë": "e", "ï": "i", "ÿ": "y", "ç": "c", "À": "A", "Â": "A", "È": "E", "Ê": "E", "Ë": "E", "Î": "I",
        "Ï": "I", "Ô": "O", "Ù": "U", "Û": "U", "Ÿ": "Y",
    ]
}
