import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresNIO
import ReferenceData
import ServiceKit
import TestSupport
import Testing

@testable import Liaison

/// Investigators' sign-in with ProConnect against a real OpenID Connect provider (oidc-provider-mock): a new
/// identity declares its posting once — its force read from its administration's SIRET — and then signs in
/// straight to its unit's declarations.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct InvestigatorProConnectTests {
    private static let person = [
        "sub": "pc-gendarme-3", "email": "julie.morel@gendarmerie.interieur.gouv.fr", "given_name": "Julie",
        "usual_name": "Morel", "siret": "13000001000015",
    ]

    /// The portal with ProConnect pointing at a local provider that knows `person`, whose SIRET says gendarmerie.
    private static func withProConnect(
        _ body: @Sendable (LiaisonHarness, any TestClientProtocol, OIDCProviderMock) async throws -> Void
    ) async throws {
        let provider = try OIDCProviderMock(claims: Self.person)
        do {
            #expect(await provider.waitUntilReady(), "oidc-provider-mock did not start")
            let harness = try await LiaisonHarness.make(settings: [
                "PROCONNECT_ISSUER": provider.issuer, "PROCONNECT_CLIENT_ID": "mij-fdo",
                "PROCONNECT_CLIENT_SECRET": "secret-de-test", "PUBLIC_BASE_URL": "http://portail.test",
                "LIAISON_FORCE_SIRENS": "GN=130000010",
            ])
            try await harness.run { harness, client in try await body(harness, client, provider) }
        } catch {
            await provider.stop()
            throw error
        }
        await provider.stop()
    }

    @Test func aNewInvestigatorDeclaresTheirPostingOnceThenSignsInStraightToTheirUnit() async throws {
        try await Self.withProConnect { harness, client, provider in
            let form = try await client.get("/fdo/connexion", as: nil)
            #expect(form.text.contains(#"href="/fdo/connexion/proconnect""#), "the ProConnect button")

            let first = try await Self.signIn(client, provider)
            #expect(first.status == .seeOther && first.headers[.location] == "/fdo/affectation")
            let enrolment = try #require(
                first.headers[values: .setCookie].first { $0.hasPrefix("mij-fdo-enrolment=") }?
                    .split(separator: ";").first.map(String.init)
            )
            #expect(!first.headers[values: .setCookie].contains { $0.hasPrefix("mij-fdo-session=") })
            let page = try await client.execute(
                uri: "/fdo/affectation",
                method: .get,
                headers: [.cookie: enrolment]
            )
            // The mock releases `given_name` only with the `profile` scope, which ProConnect does not use.
            #expect(page.text.contains("Morel") && page.text.contains("Gendarmerie nationale"))
            #expect(!page.text.contains(#"name="force""#), "the SIRET told the force")
            let csrfCookie = try #require(page.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            let token = try #require(page.text.firstMatch(of: /name="csrfToken" value="([^"]+)"/)?.1)

            let refused = try await Self.post(client, cookies: [enrolment, csrfCookie], token, ["codeUnite": "à@"])
            #expect(refused.status == .unprocessableContent)
            #expect(
                refused.text.contains("Le code d’unité ne comporte que") && refused.text.contains("Indiquez le nom")
            )
            let enrolled = try await Self.post(
                client,
                cookies: [enrolment, csrfCookie],
                token,
                ["codeUnite": "gn-br-69", "nomUnite": "Brigade de recherches de Lyon", "force": "PN"]
            )
            #expect(enrolled.status == .seeOther && enrolled.headers[.location] == "/fdo")
            let session = try #require(
                enrolled.headers[values: .setCookie].first { $0.hasPrefix("mij-fdo-session=") }?
                    .split(separator: ";").first.map(String.init)
            )
            let home = try await client.execute(uri: "/fdo", method: .get, headers: [.cookie: session])
            #expect(
                home.text.contains("Gendarmerie nationale — Brigade de recherches de Lyon"),
                "GN from the SIRET"
            )
            // Signing out ends the ProConnect session too, with the ID token kept through the posting form.
            let signOutToken = try #require(home.text.firstMatch(of: /name="csrfToken" value="([^"]+)"/)?.1)
            let signedOut = try await client.execute(
                uri: "/fdo/deconnexion",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: session],
                body: ByteBuffer(string: "csrfToken=\(signOutToken)")
            )
            let endSession = try #require(signedOut.headers[.location])
            #expect(endSession.hasPrefix(provider.issuer + "/oauth2/end_session?id_token_hint=ey"))
            let back = try await provider.endSession(endSession)
            #expect(back.hasPrefix("http://portail.test/fdo/connexion?state="))
            let replay = try await Self.post(
                client,
                cookies: [enrolment, csrfCookie],
                token,
                ["codeUnite": "X", "nomUnite": "Y"]
            )
            #expect(replay.status == .seeOther && replay.headers[.location] == "/fdo/connexion", "used once")

            let again = try await Self.signIn(client, provider)
            #expect(again.status == .seeOther && again.headers[.location] == "/fdo")
            #expect(again.headers[values: .setCookie].contains { $0.hasPrefix("mij-fdo-session=") })
            #expect(try await harness.database.count("SELECT count(*) FROM liaison.investigator") == 1)
            #expect(
                try await harness.database.count(
                    "SELECT count(*) FROM liaison.investigator WHERE unit_code = 'GN-BR-69' AND force = 'GN'"
                ) == 1
            )
        }
    }

    @Test func aNewInvestigatorPicksTheirUnitInTheDirectoryOfTheirForce() async throws {
        try await Self.withProConnect { harness, client, provider in
            try await ReferenceImporter(client: harness.platform.client, logger: TestDatabase.logger)
                .importAll(from: ReferenceSettings.sampleDirectory)
            let first = try await Self.signIn(client, provider)
            let enrolment = try #require(
                first.headers[values: .setCookie].first { $0.hasPrefix("mij-fdo-enrolment=") }?
                    .split(separator: ";").first.map(String.init)
            )
            func posting(_ query: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/fdo/affectation\(query)",
                    method: .get,
                    headers: [.cookie: enrolment]
                )
            }
            let lyon = try await posting("?departement=69")
            #expect(lyon.text.contains("Unités de l’annuaire : Rhône (69)"))
            #expect(lyon.text.contains("Brigade de recherches de Lyon — Lyon (69006)"))
            #expect(
                !lyon.text.contains("Commissariat central"),
                "the SIRET says gendarmerie: no police station offered"
            )
            #expect(try await posting("?departement=00").text.contains("Aucun département ne porte ce numéro"))

            let csrfCookie = try #require(lyon.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            let token = try #require(lyon.text.firstMatch(of: /name="csrfToken" value="([^"]+)"/)?.1)
            let police = try await Self.post(
                client,
                cookies: [enrolment, csrfCookie],
                token,
                ["unite": "PN-69386-X"]
            )
            #expect(police.status == .badRequest, "not a unit of the directory, nor of this force")
            let picked = try await Self.post(
                client,
                cookies: [enrolment, csrfCookie],
                token,
                ["unite": "GN-10003"]
            )
            #expect(picked.status == .seeOther && picked.headers[.location] == "/fdo")
            #expect(
                try await harness.database.count(
                    """
                    SELECT count(*) FROM liaison.investigator
                    WHERE unit_code = 'GN-10003' AND unit_name = 'Brigade de recherches de Lyon' AND force = 'GN'
                    """
                ) == 1
            )
        }
    }

    /// Starts a sign-in, signs in at the provider and comes back in the same browser.
    private static func signIn(_ client: some TestClientProtocol, _ provider: OIDCProviderMock) async throws
        -> TestResponse
    {
        let started = try await client.execute(uri: "/fdo/connexion/proconnect", method: .get)
        let location = try #require(started.headers[.location])
        #expect(location.hasPrefix(provider.issuer) && location.contains("siret"))
        let cookie = try #require(started.headers[.setCookie]?.split(separator: ";").first.map(String.init))
        let back = try #require(URL(string: try await provider.authorize(location, as: "pc-gendarme-3")))
        #expect(back.absoluteString.hasPrefix("http://portail.test/fdo/connexion/proconnect/retour?"))
        return try await client.execute(
            uri: back.path + "?" + (back.query ?? ""),
            method: .get,
            headers: [.cookie: cookie]
        )
    }

    private static func post(
        _ client: some TestClientProtocol,
        cookies: [String],
        _ token: Substring,
        _ fields: [String: String]
    ) async throws -> TestResponse {
        let body = (fields.merging(["csrfToken": String(token)]) { $1 }).map {
            "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }.joined(separator: "&")
        return try await client.execute(
            uri: "/fdo/affectation",
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.joined(separator: "; ")],
            body: ByteBuffer(string: body)
        )
    }
}
