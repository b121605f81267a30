import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Messaging
import NIOCore
import ServiceKit
import TestSupport
import Testing
import WebUI

@testable import Intake

/// Claimant accounts against real PostgreSQL: activation, sign-in, throttling, sessions and password reset,
/// through every route of the portal, with the e-mails read back from intake's outbox.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct AccountJourneyTests {
    private static let password = "une phrase de passe assez longue"
    private static let csrf = String(repeating: "c", count: 43)

    /// Runs `body` against intake's router on a fresh database, with a clock the test moves.
    private static func withPortal(
        _ body: @Sendable (any TestClientProtocol, TestDatabase, ManualClock) async throws -> Void
    ) async throws {
        let database = try await TestDatabase.create(migrations: ["intake": try IntakeService.allMigrations()])
        let test = TestServices(database: database)
        let settings = try IntakeService.settings(from: test.reader())
        let platform = MessagingPlatform(settings: settings.common, logger: TestDatabase.logger)
        let clock = ManualClock()
        let router = try IntakeService.router(
            settings: settings,
            platform: platform,
            runtime: TestServices.runtime(),
            clock: clock.now
        )
        let app = Application(router: router)
        try await withRunningServices([platform.client]) {
            try await app.test(.router) { client in try await body(client, database, clock) }
        }
        try await database.drop()
    }

    // MARK: - Helpers

    private static func form(_ fields: [String: String]) -> ByteBuffer {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let pairs = (fields.merging(["csrfToken": csrf]) { old, _ in old }).map {
            "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }
        return ByteBuffer(string: pairs.joined(separator: "&"))
    }

    private static func post(
        _ client: any TestClientProtocol,
        _ uri: String,
        _ fields: [String: String],
        session: String? = nil
    ) async throws -> TestResponse {
        let cookie = "mij-csrf=\(csrf)" + (session.map { "; mij-session=\($0)" } ?? "")
        return try await client.execute(
            uri: uri,
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
            body: form(fields)
        )
    }

    private static func get(_ client: any TestClientProtocol, _ uri: String, session: String? = nil) async throws
        -> TestResponse
    {
        try await client.execute(uri: uri, method: .get, headers: session.map { [.cookie: "mij-session=\($0)"] } ?? [:])
    }

    private static func register(_ client: any TestClientProtocol, _ email: String) async throws -> TestResponse {
        try await post(
            client,
            "/compte/creer",
            ["email": email, "password": password, "passwordConfirmation": password]
        )
    }

    /// Registers and activates an account; returns nothing, the account can sign in afterwards.
    private static func activatedAccount(_ client: any TestClientProtocol, _ email: String, _ database: TestDatabase)
        async throws
    {
        _ = try await register(client, email)
        let link = try #require(try await database.lastEmailedLinkPath("intake.claimant-verification-requested"))
        #expect(try await post(client, link, [:]).status == .ok)
    }

    private static func signIn(_ client: any TestClientProtocol, _ email: String, _ password: String = password)
        async throws
        -> TestResponse
    {
        try await post(client, "/connexion", ["email": email, "password": password])
    }

    private static func sessionCookie(_ response: TestResponse) -> String? {
        response.headers[.setCookie].flatMap {
            $0.firstMatch(of: /mij-session=([A-Za-z0-9_-]{43})/).map { String($0.1) }
        }
    }

    // MARK: - Tests

    @Test func anAccountIsActivatedByItsLatestLinkOnlyThenSignsInAndOut() async throws {
        try await Self.withPortal { client, database, _ in
            let email = "elodie.martin@example.org"
            #expect(String(buffer: try await Self.register(client, email).body).contains("Consultez votre messagerie"))
            let first = try #require(try await database.lastEmailedLinkPath("intake.claimant-verification-requested"))
            let refused = try await Self.signIn(client, email)
            #expect(refused.status == .forbidden && Self.sessionCookie(refused) == nil, "no session before activation")

            _ = try await Self.register(client, " Elodie.Martin@Example.org ")
            let second = try #require(try await database.lastEmailedLinkPath("intake.claimant-verification-requested"))
            #expect(first != second)
            #expect(try await Self.get(client, first).status == .notFound, "a replaced link no longer works")
            #expect(try await database.count("SELECT count(*) FROM intake.account_token WHERE used_at IS NULL") == 1)
            let button = try await Self.get(client, second)
            #expect(button.status == .ok, "opening the link only shows the button")
            #expect(
                try await database.count("SELECT count(*) FROM intake.claimant_account WHERE email_verified_at IS NULL")
                    == 1
            )
            #expect(try await Self.post(client, second, [:]).status == .ok)
            #expect(try await Self.post(client, second, [:]).status == .notFound, "a link works once")

            let signedIn = try await Self.signIn(client, email)
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/mon-espace")
            let cookie = try #require(signedIn.headers[.setCookie])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
            let session = try #require(Self.sessionCookie(signedIn))
            let space = try await Self.get(client, "/mon-espace", session: session)
            #expect(space.status == .ok && String(buffer: space.body).contains("Se déconnecter"))

            let csrfToken = try #require(
                String(buffer: space.body).firstMatch(of: /name="csrfToken" value="([^"]+)"/)?.1
            )
            let signedOut = try await client.execute(
                uri: "/deconnexion",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "mij-session=\(session)"],
                body: ByteBuffer(string: "csrfToken=\(csrfToken)")
            )
            #expect(signedOut.status == .seeOther && signedOut.headers[.location] == "/", "no provider to sign out of")
            #expect(
                try await Self.get(client, "/mon-espace", session: session).status == .seeOther,
                "the old cookie is dead"
            )
        }
    }

    @Test func registeringAnExistingAddressLooksTheSameAndSendsNothingNew() async throws {
        try await Self.withPortal { client, database, _ in
            try await Self.activatedAccount(client, "deja@example.org", database)
            let before = try await database.count("SELECT count(*) FROM intake.outbox")
            let again = try await Self.register(client, "deja@example.org")
            let fresh = try await Self.register(client, "nouveau@example.org")
            #expect(again.status == fresh.status)
            #expect(String(buffer: again.body) == String(buffer: fresh.body))
            #expect(
                try await database.count("SELECT count(*) FROM intake.outbox") == before + 1,
                "only the new address gets a link"
            )
        }
    }

    @Test func badInputIsExplainedOnItsFieldAndNothingIsCreated() async throws {
        try await Self.withPortal { client, database, _ in
            let response = try await Self.post(
                client,
                "/compte/creer",
                ["email": "pas-une-adresse", "password": "court", "passwordConfirmation": "court"]
            )
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(page.contains(EmailAddress.problem) && page.contains("au moins 12 caractères"))
            #expect(page.contains("value=\"pas-une-adresse\""))
            #expect(!page.contains("value=\"court\""), "passwords are never echoed back")
            #expect(try await database.count("SELECT count(*) FROM intake.claimant_account") == 0)
        }
    }

    @Test func failedSignInsAreThrottledPerAddressAndTheWaitEnds() async throws {
        try await Self.withPortal { client, database, clock in
            try await Self.activatedAccount(client, "cible@example.org", database)
            for _ in 1...5 {
                let wrong = try await Self.signIn(client, "cible@example.org", "mauvais mot de passe")
                #expect(wrong.status == .unauthorized)
                #expect(String(buffer: wrong.body).contains(SignInController.wrongCredentials))
            }
            let blocked = try await Self.signIn(client, "cible@example.org")
            #expect(blocked.status == .tooManyRequests && Self.sessionCookie(blocked) == nil)
            let wait = try #require(blocked.headers[.retryAfter].flatMap { Int($0) })
            #expect(wait > 0 && wait <= 20 * 60)
            let unknown = try await Self.signIn(client, "inconnu@example.org")
            #expect(unknown.status == .unauthorized, "other addresses are not affected")

            clock.advance(by: TimeInterval(wait + 1))
            #expect(try await Self.signIn(client, "cible@example.org").status == .seeOther)
        }
    }

    @Test func sessionsEndAfterThirtyIdleMinutesAndTwelveHoursInAll() async throws {
        try await Self.withPortal { client, database, clock in
            try await Self.activatedAccount(client, "horloge@example.org", database)
            let idle = try #require(Self.sessionCookie(try await Self.signIn(client, "horloge@example.org")))
            clock.advance(by: 29 * 60)
            #expect(try await Self.get(client, "/mon-espace", session: idle).status == .ok)
            clock.advance(by: 31 * 60)
            #expect(try await Self.get(client, "/mon-espace", session: idle).status == .seeOther)

            let busy = try #require(Self.sessionCookie(try await Self.signIn(client, "horloge@example.org")))
            for _ in 0..<28 {  // 11 h 40 of activity, never idle for 30 minutes
                clock.advance(by: 25 * 60)
                #expect(try await Self.get(client, "/mon-espace", session: busy).status == .ok)
            }
            clock.advance(by: 25 * 60)
            #expect(try await Self.get(client, "/mon-espace", session: busy).status == .seeOther, "12 hours at most")
        }
    }

    @Test func aPasswordResetWorksOnceForVerifiedAccountsAndClosesSessions() async throws {
        try await Self.withPortal { client, database, clock in
            try await Self.activatedAccount(client, "oubli@example.org", database)
            let session = try #require(Self.sessionCookie(try await Self.signIn(client, "oubli@example.org")))
            let unknown = try await Self.post(
                client,
                "/connexion/mot-de-passe-oublie",
                ["email": "personne@example.org"]
            )
            let known = try await Self.post(client, "/connexion/mot-de-passe-oublie", ["email": "oubli@example.org"])
            #expect(String(buffer: unknown.body) == String(buffer: known.body), "the answer never reveals an account")
            #expect(
                try await database.count(
                    "SELECT count(*) FROM intake.outbox WHERE event_name = 'intake.password-reset-requested'"
                ) == 1
            )
            let link = try #require(try await database.lastEmailedLinkPath("intake.password-reset-requested"))

            let mismatch = try await Self.post(
                client,
                link,
                ["password": "un tout nouveau secret", "passwordConfirmation": "autre chose encore"]
            )
            #expect(
                mismatch.status == .unprocessableContent
                    && String(buffer: mismatch.body).contains("ne sont pas identiques")
            )
            let newPassword = "un tout nouveau secret"
            #expect(
                try await Self.post(client, link, ["password": newPassword, "passwordConfirmation": newPassword]).status
                    == .ok
            )
            #expect(
                try await Self.post(client, link, ["password": newPassword, "passwordConfirmation": newPassword]).status
                    == .notFound
            )
            #expect(
                try await Self.get(client, "/mon-espace", session: session).status == .seeOther,
                "sessions are closed"
            )
            #expect(try await Self.signIn(client, "oubli@example.org").status == .unauthorized)
            #expect(try await Self.signIn(client, "oubli@example.org", newPassword).status == .seeOther)

            _ = try await Self.post(client, "/connexion/mot-de-passe-oublie", ["email": "oubli@example.org"])
            let late = try #require(try await database.lastEmailedLinkPath("intake.password-reset-requested"))
            clock.advance(by: 3601)
            #expect(try await Self.get(client, late).status == .notFound, "reset links expire after an hour")
        }
    }

    @Test func formsFromAnotherSiteAreRefused() async throws {
        try await Self.withPortal { client, database, _ in
            let response = try await client.execute(
                uri: "/compte/creer",
                method: .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded", .cookie: "mij-csrf=\(Self.csrf)",
                    HTTPField.Name("Origin")!: "https://evil.example",
                ],
                body: Self.form([
                    "email": "x@example.org", "password": Self.password, "passwordConfirmation": Self.password,
                ])
            )
            #expect(response.status == .forbidden)
            #expect(try await database.count("SELECT count(*) FROM intake.claimant_account") == 0)
        }
    }
}
