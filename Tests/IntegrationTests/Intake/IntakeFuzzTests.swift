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
        let seed = Junk.seed()
        let database = try await TestDatabase.create(migrations: ["intake": try IntakeService.allMigrations()])
        let test = TestServices(database: database)
        let settings = try IntakeService.settings(from: test.reader())
        let platform = MessagingPlatform(settings: settings.common, logger: TestDatabase.logger)
        let router = try IntakeService.router(settings: settings, platform: platform, runtime: TestServices.runtime())
        let posts = router.routes.filter { $0.method == .post }.map { "\($0.path)" }
        let gets = router.routes.filter { $0.method == .get }.map { "\($0.path)" }
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
                let fuzz = FormFuzz(seed: seed, database: database, schema: "intake")
                let names = Array(ClaimFixtures.formJSON().keys)
                // Before the forms, whose last post signs the visitor out.
                let queries = try await fuzz.queries(
                    client,
                    gets: gets,
                    visitors: [nil, claimant],
                    names: names,
                    parameters: { _ in [:] }
                )
                let forms = try await fuzz.run(
                    client,
                    posts: posts,
                    visitors: [nil, claimant],
                    names: names,
                    parameters: { _ in [:] }
                )
                #expect(posts.count >= 10, "the fuzz run must cover the portal's forms")
                let claims = "fuzz seed \(seed): 250 claims (\(accepted) accepted): \(FormFuzz.tally(statuses))"
                FileHandle.standardError.write(Data("\(claims)\n\(forms)\n\(queries)\n".utf8))
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
