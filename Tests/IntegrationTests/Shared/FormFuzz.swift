import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

/// Junk forms posted to every POST route of a portal, anonymous and as each signed-in visitor with a valid CSRF
/// token, each route's parameters filled with real objects, unknown ids or junk (reliability.md §4.C). Pass: never a
/// 5xx, and a refused form (4xx) leaves every table of the portal's schema as it was — but a draft's step, saved as
/// typed even when it has problems to fix (`draftSaves`). Seeded like `Junk`.
struct FormFuzz {
    let seed: UInt64
    let database: TestDatabase
    let schema: String
    /// Tables a refused request may still write: the session it touched, the failed sign-in it counted.
    var ignoring: Set<String> = ["web_session", "throttle_hit", "oidc_sign_in"]
    /// Routes whose 422 keeps what was typed in a draft by design (the step is saved, the page shows what to fix).
    var draftSaves: Set<String> = []

    /// Posts `tries` junk forms per route and visitor; a line telling how many and which statuses.
    func run(
        _ client: any TestClientProtocol,
        posts: [String],
        visitors: [PortalSession?],
        names: [String],
        parameters: (String) -> [String: String],
        tries: Int = 8
    ) async throws -> String {
        var junk = Junk(seed: seed)
        var statuses: [Int: Int] = [:]
        // Nothing else writes meanwhile: the state before a request is the state after the previous one.
        var current = try await database.fingerprint(schema: schema, ignoring: ignoring)
        // Signing out ends the visitor's session: last, so that every other route is tried signed in.
        let signOutLast = posts.filter { !$0.hasSuffix("/deconnexion") } + posts.filter { $0.hasSuffix("/deconnexion") }
        for path in signOutLast {
            for visitor in visitors {
                for _ in 0..<tries {
                    let uri = junk.path(path, known: parameters(path))
                    let (body, contentType) = junk.form(csrfToken: visitor?.csrfToken, names: names)
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
                    let after = try await database.fingerprint(schema: schema, ignoring: ignoring)
                    let savedDraft = response.status == .unprocessableContent && draftSaves.contains(path)
                    if response.status.code >= 400 && !savedDraft {
                        let changed = after.keys.filter { after[$0] != current[$0] }.sorted()
                        #expect(
                            changed.isEmpty,
                            "seed \(seed): POST \(uri) refused (\(response.status)) wrote \(changed)"
                        )
                    }
                    current = after
                }
            }
        }
        let tried = statuses.values.reduce(0, +)
        #expect(tried == posts.count * visitors.count * tries)
        return "fuzz seed \(seed): \(tried) form posts on \(posts.count) routes of \(schema); \(Self.tally(statuses))"
    }

    /// Reads every GET route `tries` times per visitor with a junk query (NUL and line breaks among the values) and
    /// the route's parameters filled as for the forms: never a 5xx (found by wapiti: a NUL in a search reached
    /// PostgreSQL). A line telling how many and which statuses.
    func queries(
        _ client: any TestClientProtocol,
        gets: [String],
        visitors: [PortalSession?],
        names: [String],
        parameters: (String) -> [String: String],
        tries: Int = 2
    ) async throws -> String {
        var junk = Junk(seed: seed)
        var statuses: [Int: Int] = [:]
        for path in gets where !path.hasSuffix("/deconnexion") {
            for visitor in visitors {
                // The random tries, and one with a NUL in every name it may read.
                let withNUL = (names + Junk.queryNames).map {
                    "\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "x")=x%00y"
                }.joined(separator: "&")
                for index in 0...tries {
                    let query = index == tries ? withNUL : junk.query(names: names)
                    let uri = junk.path(path, known: parameters(path)) + "?" + query
                    var headers: HTTPFields = [:]
                    if let visitor { headers[.cookie] = visitor.cookie }
                    let response = try await client.execute(uri: uri, method: .get, headers: headers)
                    statuses[response.status.code, default: 0] += 1
                    #expect(response.status.code < 500, "seed \(seed): \(response.status) for GET \(uri)")
                }
            }
        }
        return "fuzz seed \(seed): \(statuses.values.reduce(0, +)) junk queries on \(gets.count) pages of \(schema); "
            + Self.tally(statuses)
    }

    /// `201×3 404×5`: how many answers of each status, in order.
    static func tally(_ statuses: [Int: Int]) -> String {
        statuses.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " ")
    }
}
