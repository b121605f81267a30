import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ServiceKit
import TestSupport
import Testing

@testable import Intake

/// Sign-in with FranceConnect against a real OpenID Connect provider (oidc-provider-mock) and real PostgreSQL:
/// the redirect carries state, nonce and an S256 PKCE challenge; the return is accepted once, only in the
/// browser that started it; the account is created, or linked by its address.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct FranceConnectTests {
    private static let person = [
        "sub": "fc-usager-42", "email": "elodie.fc@example.org", "given_name": "Élodie", "family_name": "Martin",
    ]

    private struct Context: Sendable {
        var client: any TestClientProtocol
        var database: TestDatabase
        var provider: OIDCProviderMock
    }

    private static func withIntake(_ body: @Sendable (Context) async throws -> Void) async throws {
        let provider = try OIDCProviderMock(claims: person)
        do {
            try await withProvider(provider, body)
        } catch {
            await provider.stop()
            throw error
        }
        await provider.stop()
    }

    private static func withProvider(_ provider: OIDCProviderMock, _ body: @Sendable (Context) async throws -> Void)
        async throws
    {
        #expect(await provider.waitUntilReady(), "oidc-provider-mock did not start")
        let database = try await TestDatabase.create(migrations: ["intake": try IntakeService.allMigrations()])
        let test = TestServices(database: database)
        let settings = try IntakeService.settings(
            from: test.reader([
                "FRANCECONNECT_ISSUER": provider.issuer, "FRANCECONNECT_CLIENT_ID": "mij-intake",
                "FRANCECONNECT_CLIENT_SECRET": "secret-de-test", "FRANCECONNECT_ACR": "",
                "PUBLIC_BASE_URL": "http://portail.test",
            ])
        )
        let platform = MessagingPlatform(settings: settings.common, logger: TestDatabase.logger)
        let app = Application(
            router: try IntakeService.router(settings: settings, platform: platform, runtime: TestServices.runtime())
        )
        try await withRunningServices([platform.client]) {
            try await app.test(.router) { client in
                try await body(Context(client: client, database: database, provider: provider))
            }
        }
        try await database.drop()
    }

    /// Starts a sign-in: the provider URL and the browser-binding cookie.
    private static func start(_ client: some TestClientProtocol) async throws -> (url: URL, cookie: String) {
        let response = try await client.execute(uri: "/connexion/franceconnect?retour=/mon-espace", method: .get)
        #expect(response.status == .seeOther)
        let location = try #require(response.headers[.location].flatMap(URL.init(string:)))
        let cookie = try #require(response.headers[.setCookie]?.split(separator: ";").first.map(String.init))
        return (location, cookie)
    }

    private static func callback(_ client: some TestClientProtocol, _ location: String, cookie: String?) async throws
        -> TestResponse
    {
        let url = try #require(URL(string: location))
        #expect(url.absoluteString.hasPrefix("http://portail.test/connexion/franceconnect/retour?"))
        let uri = url.path + "?" + (url.query ?? "")
        return try await client.execute(uri: uri, method: .get, headers: cookie.map { [.cookie: $0] } ?? [:])
    }

    @Test func aPersonSignsInWithFranceConnectOnceAndGetsAVerifiedAccount() async throws {
        try await Self.withIntake { context in
            let (url, cookie) = try await Self.start(context.client)
            let query = Dictionary(
                uniqueKeysWithValues: (URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []).map {
                    ($0.name, $0.value ?? "")
                }
            )
            #expect(url.absoluteString.hasPrefix(context.provider.issuer))
            #expect(query["response_type"] == "code" && query["client_id"] == "mij-intake")
            #expect(query["redirect_uri"] == "http://portail.test/connexion/franceconnect/retour")
            #expect(query["code_challenge_method"] == "S256" && query["code_challenge"]?.count == 43)
            #expect(query["state"]?.count == 43 && query["nonce"]?.count == 43 && query["state"] != query["nonce"])
            let stored = try await context.database.count(
                "SELECT count(*) FROM intake.oidc_sign_in WHERE nonce = '\(query["nonce"] ?? "")'"
            )
            #expect(stored == 1, "the nonce and verifier wait server-side, the state only as a digest")

            let back = try await context.provider.authorize(url.absoluteString, as: "fc-usager-42")
            let signedIn = try await Self.callback(context.client, back, cookie: cookie)
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/mon-espace")
            let session = signedIn.headers[values: .setCookie].first { $0.hasPrefix("mij-session=") }
            #expect(session != nil, "a session is opened")
            let accounts = try await context.database.count(
                """
                SELECT count(*) FROM intake.claimant_account WHERE email = 'elodie.fc@example.org'
                  AND franceconnect_sub = 'fc-usager-42' AND email_verified_at IS NOT NULL AND password_hash IS NULL
                """
            )
            #expect(accounts == 1)

            let replayed = try await Self.callback(context.client, back, cookie: cookie)
            #expect(replayed.status == .badRequest, "a state is redeemed once")
            #expect(try await context.database.count("SELECT count(*) FROM intake.oidc_sign_in") == 0)
        }
    }

    @Test func signingOutEndsTheFranceConnectSessionToo() async throws {
        try await Self.withIntake { context in
            let (url, cookie) = try await Self.start(context.client)
            let back = try await context.provider.authorize(url.absoluteString, as: "fc-usager-42")
            let signedIn = try await Self.callback(context.client, back, cookie: cookie)
            let session = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("mij-session=") })
                .split(separator: ";")[0]
            let space = try await context.client.execute(
                uri: "/mon-espace",
                method: .get,
                headers: [.cookie: String(session)]
            )
            let csrfToken = try #require(
                String(buffer: space.body).firstMatch(of: /name="csrfToken" value="([^"]+)"/)?.1
            )
            let policy = space.headers[.contentSecurityPolicy] ?? ""
            #expect(policy.hasSuffix("form-action 'self' \(context.provider.issuer)"), "the sign-out form may go there")

            let signedOut = try await context.client.execute(
                uri: "/deconnexion",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: String(session)],
                body: ByteBuffer(string: "csrfToken=\(csrfToken)")
            )
            #expect(signedOut.status == .seeOther)
            #expect(try await context.database.count("SELECT count(*) FROM intake.web_session") == 0)
            let endSession = try #require(signedOut.headers[.location])
            #expect(endSession.hasPrefix(context.provider.issuer + "/oauth2/end_session?"))
            let query = Dictionary(
                uniqueKeysWithValues: (URLComponents(string: endSession)?.queryItems ?? []).map {
                    ($0.name, $0.value ?? "")
                }
            )
            #expect(query["post_logout_redirect_uri"] == "http://portail.test/")
            #expect(query["state"]?.count == 43)
            // The hint is the ID token this session was opened with: FranceConnect's, for this person and portal.
            let payload = try #require(query["id_token_hint"]?.split(separator: ".").dropFirst().first)
            let claims = try #require(
                Data(base64Encoded: Self.padded(String(payload)))
                    .flatMap { try JSONSerialization.jsonObject(with: $0) as? [String: Any] }
            )
            let audience = (claims["aud"] as? [String]) ?? [claims["aud"] as? String].compactMap { $0 }
            #expect(claims["sub"] as? String == "fc-usager-42" && audience == ["mij-intake"])

            let home = try await context.provider.endSession(endSession)
            #expect(home.hasPrefix("http://portail.test/?state="), "the provider sends the person back home")
        }
    }

    private static func padded(_ base64URL: String) -> String {
        let base64 = base64URL.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        return base64 + String(repeating: "=", count: (4 - base64.count % 4) % 4)
    }

    @Test func aReturnFromAnotherBrowserOrWithAnAlteredNonceIsRefused() async throws {
        try await Self.withIntake { context in
            // Login CSRF: the attacker's own sign-in finished in the victim's browser (no binding cookie).
            let (url, _) = try await Self.start(context.client)
            let back = try await context.provider.authorize(url.absoluteString, as: "fc-usager-42")
            #expect(try await Self.callback(context.client, back, cookie: nil).status == .badRequest)

            // The ID token's nonce must be the one this sign-in sent.
            let (second, cookie) = try await Self.start(context.client)
            _ = try await context.database.count(
                "WITH changed AS (UPDATE intake.oidc_sign_in SET nonce = 'autre' RETURNING 1) SELECT count(*) FROM changed"
            )
            let returned = try await context.provider.authorize(second.absoluteString, as: "fc-usager-42")
            #expect(try await Self.callback(context.client, returned, cookie: cookie).status == .badRequest)
            #expect(try await context.database.count("SELECT count(*) FROM intake.claimant_account") == 0)
        }
    }

    @Test func anUnverifiedAccountWithTheSameAddressIsLinkedAndLosesItsPassword() async throws {
        try await Self.withIntake { context in
            _ = try await context.database.count(
                """
                WITH created AS (
                    INSERT INTO intake.claimant_account (id, email, password_hash, created_at)
                    VALUES (gen_random_uuid(), 'elodie.fc@example.org', 'hash-d-un-inconnu', now()) RETURNING 1)
                SELECT count(*) FROM created
                """
            )
            let (url, cookie) = try await Self.start(context.client)
            let back = try await context.provider.authorize(url.absoluteString, as: "fc-usager-42")
            #expect(try await Self.callback(context.client, back, cookie: cookie).status == .seeOther)
            let linked = try await context.database.count(
                """
                SELECT count(*) FROM intake.claimant_account
                WHERE franceconnect_sub = 'fc-usager-42' AND password_hash IS NULL AND email_verified_at IS NOT NULL
                """
            )
            #expect(linked == 1, "whoever set that password never proved the address")
        }
    }

    @Test func oneClientAddressCannotStartMoreThanThirtySignInsInTenMinutes() async throws {
        try await Self.withIntake { context in
            for _ in 0..<30 {
                let started = try await context.client.execute(uri: "/connexion/franceconnect", method: .get)
                #expect(started.status == .seeOther)
            }
            let refused = try await context.client.execute(uri: "/connexion/franceconnect", method: .get)
            #expect(refused.status == .tooManyRequests && refused.headers[.retryAfter] != nil)
            #expect(try await context.database.count("SELECT count(*) FROM intake.oidc_sign_in") == 30)
        }
    }

    @Test func theSignInPageOffersFranceConnectWithTheReturnPath() async throws {
        try await Self.withIntake { context in
            let page = try await context.client.execute(uri: "/connexion?retour=/demandes/nouvelle", method: .get)
            let html = String(buffer: page.body)
            #expect(html.contains("href=\"/connexion/franceconnect?retour=/demandes/nouvelle\""))
            #expect(html.contains("S’identifier avec") && html.contains("FranceConnect"))
        }
    }
}
