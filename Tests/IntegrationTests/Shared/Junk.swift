import Foundation
import TestSupport

/// Junk from a seeded generator: the same seed gives the same requests.
struct Junk {
    private var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(state: seed) }

    /// `FUZZ_SEED` when set (to replay a run), else a fresh one; tests name it in every failure.
    static func seed() -> UInt64 {
        ProcessInfo.processInfo.environment["FUZZ_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...1 << 40)
    }

    /// Strings that break naive code: empty, huge, markup, SQL, control characters, invalid dates and numbers.
    private static let strings: [String] = [
        "", " ", String(repeating: "A", count: 100_000), "<script>alert(1)</script>", "' OR 1=1 --", "\u{0}",
        "\r\nSet-Cookie: x=y", String(repeating: "😀", count: 5_000), "-1", "99999999999999999999999", "2026-02-30",
        "0000-00-00", "../../etc/passwd", "%00", "NaN", "FR76 XXXX", "{{name}}", "\u{202E}gnp.exe", "null",
    ]

    /// JSON values of every type.
    private mutating func value() -> Any {
        switch Int.random(in: 0..<8, using: &generator) {
        case 0: return NSNull()
        case 1: return Int.random(in: Int.min...Int.max, using: &generator)
        case 2: return Bool.random(using: &generator)
        case 3: return [Self.strings.randomElement(using: &generator)!]
        case 4: return ["a": ["b": "c"]]
        case 5: return Double.random(in: -1e300...1e300, using: &generator)
        default: return Self.strings.randomElement(using: &generator)!
        }
    }

    /// The valid claim of the fixtures, mutated, or a body that is not a claim at all; with its content type.
    mutating func claim() -> (body: [UInt8], contentType: String) {
        var fields: [String: Any] = ClaimFixtures.formJSON(email: "fuzz-\(UUID().uuidString.prefix(8))@example.org")
        switch Int.random(in: 0..<10, using: &generator) {
        case 0:
            return (Array("{\"a\":".utf8) + Array(repeating: UInt8(ascii: "["), count: 5_000), "application/json")
        case 1: return ([0xFF, 0xFE, 0x00, 0x7B], "application/json")
        case 2: return (Array("statut=proprietaire".utf8), "application/x-www-form-urlencoded")
        case 3: fields["champInconnu"] = value()  // still a valid claim
        default:
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let key = fields.keys.sorted().randomElement(using: &generator)!
                if Bool.random(using: &generator) { fields[key] = value() } else { fields[key] = nil }
            }
        }
        let body = (try? JSONSerialization.data(withJSONObject: fields)) ?? Data("{}".utf8)
        return (Array(body), "application/json")
    }

    /// A form of junk values under `names` (the portal's own field names) and common or unknown ones, with the
    /// CSRF token when given.
    mutating func form(csrfToken: String?, names fieldNames: [String]) -> (body: [UInt8], contentType: String) {
        if Int.random(in: 0..<10, using: &generator) == 0 {
            return ([0x25, 0xFF, 0x26, 0x3D, 0x3D], "application/x-www-form-urlencoded")
        }
        let names = fieldNames + ["email", "password", "code", "suite", "jeton", "x"]
        var pairs: [(String, String)] = (0..<Int.random(in: 1...12, using: &generator)).map { _ in
            (names.randomElement(using: &generator)!, Self.strings.randomElement(using: &generator)!)
        }
        if let csrfToken { pairs.append(("csrfToken", csrfToken)) }
        let encoded = pairs.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return (Array(encoded.utf8), "application/x-www-form-urlencoded")
    }

    /// Names the portals read from their addresses.
    static let queryNames = ["q", "page", "retour", "etat", "tri", "depot", "jeton", "code", "question", "releve"]

    /// A query string of junk values under `names` and `queryNames`.
    mutating func query(names fieldNames: [String]) -> String {
        let names = fieldNames + Self.queryNames
        return (0..<Int.random(in: 1...6, using: &generator)).map { _ in
            let name = names.randomElement(using: &generator)!
            return "\(Self.encode(name))=\(Self.encode(Self.strings.randomElement(using: &generator)!))"
        }.joined(separator: "&")
    }

    /// The route's path with each parameter replaced by its value in `known` (an object that exists), by an id
    /// that exists nowhere or by junk, at random.
    mutating func path(_ template: String, known: [String: String] = [:]) -> String {
        template.split(separator: "/", omittingEmptySubsequences: false).map { part in
            guard part.hasPrefix("{") else { return String(part) }
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: return known[String(part.dropFirst().dropLast())] ?? UUID().uuidString.lowercased()
            case 1: return UUID().uuidString.lowercased()
            default: return Self.encode(Self.strings.randomElement(using: &generator)!)
            }
        }.joined(separator: "/")
    }

    /// The names of the fields of every form in `html`.
    static func fieldNames(in html: String) -> Set<String> {
        Set(html.matches(of: /name="([^"]+)"/).map { String($0.1) })
    }

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}

/// A small seeded generator (SplitMix64): reproducible runs.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
