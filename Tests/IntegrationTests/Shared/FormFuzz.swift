import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

/// Junk forms posted to every POST route of a portal, anonymous and as each signed-in visitor with a valid CSRF
/// token, each route's parameters filled with real objects, unknown ids or junk (reliability.md §4.C). Pass: never a
/// 5xx, and a refused form (4xx) leaves every table of the portal's schema as it was. Seeded like `Junk`.
struct FormFuzz {
    let seed: UInt64
    let database: TestDatabase
    let schema: String
    /// Tables a refused request may still write: the session it touched, the failed sign-in it counted.
    var ignoring: Set<String> = ["web_session", "throttle_hit", "oidc_sign_in"]

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
        // Signing out ends the visitor's session: last, so that every other route is tried signed in.
        let signOutLast = posts.filter { !$0.hasSuffix("/deconnexion") } + posts.filter { $0.hasSuffix("/deconnexion") }
        for path in signOutLast {
            for visitor in visitors {
                for _ in 0..<tries {
                    let uri = junk.path(path, known: parameters(path))
                    let (body, contentType) = junk.form(csrfToken: visitor?.csrfToken, names: names)
                    var headers: HTTPFields = [.contentType: contentType]
                    if let visitor { headers[.cookie] = visitor.cookie }
                    let before = try await database.fingerprint(schema: schema, ignoring: ignoring)
                    let response = try await client.execute(
                        uri: uri,
                        method: .post,
                        headers: headers,
                        body: ByteBuffer(bytes: body)
                    )
                    statuses[response.status.code, default: 0] += 1
                    #expect(response.status.code < 500, "seed \(seed): \(response.status) for POST \(uri)")
                    if response.status.code >= 400 {
                        let after = try await database.fingerprint(schema: schema, ignoring: ignoring)
                        let changed = after.keys.filter { after[$0] != before[$0] }.sorted()
                        #expect(
                            changed.isEmpty,
                            "seed \(seed): POST \(uri) refused (\(response.status)) wrote \(changed)"
                        )
                    }
                }
            }
        }
        let tried = statuses.values.reduce(0, +)
        #expect(tried == posts.count * visitors.count * tries)
        let seen = statuses.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " ")
        return "fuzz seed \(seed): \(tried) form posts on \(posts.count) routes of \(schema); \(seen)"
    }
}
