import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Instruction

/// Agents' sign-in with ProConnect against a real OpenID Connect provider (oidc-provider-mock): a declared agent
/// is linked on first sign-in by their professional address and gets a session; nobody undeclared or disabled
/// gets in; a return from another browser is refused.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct ProConnectTests {
    private static let person = [
        "sub": "pc-agent-7", "email": "ines.nouvelle@justice.gouv.fr", "given_name": "Inès", "usual_name": "Nouvelle",
    ]

    private static func withProConnect(_ body: @Sendable (InstructionHarness, OIDCProviderMock) async throws -> Void)
        async throws
    {
        let provider = try OIDCProviderMock(claims: person)
        do {
            #expect(await provider.waitUntilReady(), "oidc-provider-mock did not start")
            let harness = try await InstructionHarness.make(settings: [
                "PROCONNECT_ISSUER": provider.issuer, "PROCONNECT_CLIENT_ID": "mij-agents",
                "PROCONNECT_CLIENT_SECRET": "secret-de-test", "PUBLIC_BASE_URL": "http://portail.test",
            ])
            try await harness.run { harness in try await body(harness, provider) }
        } catch {
            await provider.stop()
            throw error
        }
        await provider.stop()
    }

    /// Starts a sign-in, signs in at the provider and brings the browser back (with or without its cookie).
    private static func signIn(
        _ client: some TestClientProtocol,
        _ provider: OIDCProviderMock,
        sameBrowser: Bool = true
    ) async throws -> TestResponse {
        let started = try await client.execute(uri: ProConnectController.startPath, method: .get)
        #expect(started.status == .seeOther)
        let location = try #require(started.headers[.location])
        #expect(
            location.hasPrefix(provider.issuer) && location.contains("scope=openid%20email%20given_name%20usual_name")
        )
        let cookie = try #require(started.headers[.setCookie]?.split(separator: ";").first.map(String.init))
        let back = try #require(URL(string: try await provider.authorize(location, as: "pc-agent-7")))
        #expect(back.absoluteString.hasPrefix("http://portail.test/agents/connexion/proconnect/retour?"))
        return try await client.execute(
            uri: back.path + "?" + (back.query ?? ""),
            method: .get,
            headers: sameBrowser ? [.cookie: cookie] : [:]
        )
    }

    private static func declare(_ harness: InstructionHarness, active: Bool) async throws {
        try await harness.platform.client.query(
            """
            INSERT INTO agent (id, email, display_name, roles, password_hash, active)
            VALUES (\(UUID()), 'ines.nouvelle@justice.gouv.fr', 'Inès Nouvelle', '{redacteur}', '', \(active))
            """,
            logger: TestDatabase.logger
        )
    }

    @Test func aDeclaredAgentSignsInAndIsLinkedToTheirIdentity() async throws {
        try await Self.withProConnect { harness, provider in
            try await Self.declare(harness, active: true)
            try await Application(router: harness.router).test(.router) { client in
                let form = try await client.execute(uri: AgentGate.signInPath, method: .get)
                #expect(String(buffer: form.body).contains(#"href="/agents/connexion/proconnect""#), "the button")

                let foreign = try await Self.signIn(client, provider, sameBrowser: false)
                #expect(foreign.status == .badRequest, "a return to another browser")

                let signedIn = try await Self.signIn(client, provider)
                #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/agents/dossiers")
                let session = try #require(
                    signedIn.headers[values: .setCookie].first { $0.hasPrefix("mij-agent-session=") }?
                        .split(separator: ";").first.map(String.init)
                )
                let list = try await client.execute(uri: "/agents/dossiers", method: .get, headers: [.cookie: session])
                #expect(list.status == .ok && String(buffer: list.body).contains("Inès Nouvelle"))

                let token = try #require(
                    String(buffer: list.body).firstMatch(of: /name="csrfToken" value="([^"]+)"/)?.1
                )
                let signedOut = try await client.execute(
                    uri: "/agents/deconnexion",
                    method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: session],
                    body: ByteBuffer(string: "csrfToken=\(token)")
                )
                let endSession = try #require(signedOut.headers[.location])
                #expect(endSession.hasPrefix(provider.issuer + "/oauth2/end_session?id_token_hint=ey"))
                let back = try await provider.endSession(endSession)
                #expect(back.hasPrefix("http://portail.test/agents/connexion?state="), "ProConnect's session ends too")
            }
            #expect(
                try await harness.count("SELECT count(*) FROM instruction.agent WHERE proconnect_sub = 'pc-agent-7'")
                    == 1
            )
            #expect(
                try await harness.count("SELECT count(*) FROM instruction.oidc_sign_in") == 1,
                "the sign-in finished is redeemed; the one returned to another browser waits to expire"
            )
        }
    }

    @Test func nobodyUndeclaredOrDisabledGetsIn() async throws {
        try await Self.withProConnect { harness, provider in
            try await Application(router: harness.router).test(.router) { client in
                let undeclared = try await Self.signIn(client, provider)
                #expect(undeclared.status == .forbidden && String(buffer: undeclared.body).contains("pas ouvert"))
                #expect(!undeclared.headers[values: .setCookie].contains { $0.hasPrefix("mij-agent-session=") })
                try await Self.declare(harness, active: false)
                #expect(try await Self.signIn(client, provider).status == .forbidden, "a disabled account")
            }
            #expect(try await harness.count("SELECT count(*) FROM instruction.web_session") == 0)
        }
    }
}
