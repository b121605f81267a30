import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Messaging
import NIOCore
import PostgresNIO
import ServiceKit
import TestSupport
import Testing
import WebUI

@testable import Intake

/// Bad input thrown at the claimant portal (reliability.md §4.C): the JSON API gets the valid claim with fields
/// replaced by junk, of the wrong type, missing or doubled, and bodies that are not JSON; every POST route of the
/// router, anonymous and signed in with a valid CSRF token, gets junk forms. Pass: never a 5xx, and a refused
/// claim writes nothing (no claim, no event). Seeded (`FUZZ_SEED` replays a run; the seed is in every failure).
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct IntakeFuzzTests {
    @Test func junkNeverBreaksThePortalAndARefusedClaimWritesNothing() async throws {
        let seed =
            ProcessInfo.processInfo.environment["FUZZ_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...1 << 40)
        let database = try await TestDatabase.create(migrations: ["intake": try IntakeService.allMigrations()])
        let test = TestServices(database: database)
        let settings = try IntakeService.settings(from: test.reader())
        let platform = MessagingPlatform(settings: settings.common, logger: TestDatabase.logger)
        let router = try IntakeService.router(settings: settings, platform: platform, runtime: TestServices.runtime())
        let posts = router.routes.filter { $0.method == .post }.map { "\($0.path)" }
        let app = Application(router: router)
        try await withRunningServices([platform.client]) {
            let sessions = WebSessions(client: platform.client, secureCookies: false, logger: TestDatabase.logger)
            let claimant = try await SignedInClaimant.open(sessions, database)
            try await app.test(.router) { client in
                var junk = Junk(seed: seed)
                var accepted = 0
                var statuses: [Int: Int] = [:]
                for _ in 0..<250 {
                    let (body, contentType) = junk.claim()
                    let before = try await Self.written(database)
                    let response = try await client.execute(
                        uri: "/api/demandes",
                        method: .post,
                        headers: [
                            .contentType: contentType, .authorization: "Bearer \(ClaimFixtures.apiToken)",
                        ],
                        body: ByteBuffer(bytes: body)
                    )
                    statuses[response.status.code, default: 0] += 1
                    #expect(response.status.code < 500, "seed \(seed): \(response.status) for \(Self.excerpt(body))")
                    if response.status == .created {
                        accepted += 1
                    } else {
                        let after = try await Self.written(database)
                        #expect(after == before, "seed \(seed): refused with \(response.status) yet written")
                    }
                }
                // Some mutations keep a valid claim (an unknown field, a doubled one): the API still works.
                #expect(accepted > 0, "seed \(seed): no valid claim accepted among the junk")
                var tried = 0
                for path in posts {
                    for visitor in [nil, claimant] {
                        for _ in 0..<8 {
                            let uri = junk.path(path)
                            let (body, contentType) = junk.form(csrfToken: visitor?.csrfToken)
                            var headers: HTTPFields = [.contentType: contentType]
                            if let visitor { headers[.cookie] = visitor.cookie }
                            let response = try await client.execute(
                                uri: uri,
                                method: .post,
                                headers: headers,
                                body: ByteBuffer(bytes: body)
                            )
                            statuses[response.status.code, default: 0] += 1
                            #expect(response.status.code < 500, "seed \(seed): \(response.status) for POST \(uri)")
                            tried += 1
                        }
                    }
                }
                #expect(tried >= 8 * 2 * 10, "seed \(seed): only \(tried) form posts")
                let seen = statuses.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " ")
                FileHandle.standardError.write(
                    Data("fuzz seed \(seed): 250 claims (\(accepted) accepted), \(tried) form posts; \(seen)\n".utf8)
                )
            }
        }
        try await database.drop()
    }

    /// Claims and events written so far.
    private static func written(_ database: TestDatabase) async throws -> [Int] {
        [
            try await database.count("SELECT count(*) FROM intake.claim"),
            try await database.count("SELECT count(*) FROM intake.outbox"),
        ]
    }

    private static func excerpt(_ body: [UInt8]) -> String {
        String(decoding: body.prefix(200), as: UTF8.self)
    }
}

/// Junk from a seeded generator: the same seed gives the same requests.
struct Junk {
    private var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(state: seed) }

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

    /// A form of junk fields (the claim's names, common ones and unknown ones), with the CSRF token when given.
    mutating func form(csrfToken: String?) -> (body: [UInt8], contentType: String) {
        if Int.random(in: 0..<10, using: &generator) == 0 {
            return ([0x25, 0xFF, 0x26, 0x3D, 0x3D], "application/x-www-form-urlencoded")
        }
        let names = Array(ClaimFixtures.formJSON().keys) + ["email", "password", "code", "suite", "jeton", "x"]
        var pairs: [(String, String)] = (0..<Int.random(in: 1...12, using: &generator)).map { _ in
            (names.randomElement(using: &generator)!, Self.strings.randomElement(using: &generator)!)
        }
        if let csrfToken { pairs.append(("csrfToken", csrfToken)) }
        let encoded = pairs.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return (Array(encoded.utf8), "application/x-www-form-urlencoded")
    }

    /// The route's path with its parameters replaced by junk or by ids that exist nowhere.
    mutating func path(_ template: String) -> String {
        template.split(separator: "/", omittingEmptySubsequences: false).map { part in
            guard part.hasPrefix("{") else { return String(part) }
            return Bool.random(using: &generator)
                ? UUID().uuidString.lowercased() : Self.encode(Self.strings.randomElement(using: &generator)!)
        }.joined(separator: "/")
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
