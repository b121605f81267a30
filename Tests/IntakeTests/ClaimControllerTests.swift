import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOFoundationCompat
import ServiceKit
import Testing
import WebUI

@testable import Intake

/// The claim pages and API through the router, with claims kept in memory and two fixed signed-in claimants.
struct ClaimControllerTests {
    private static let claimantA = WebSessions.Session(
        principalId: UUID(),
        csrfToken: String(repeating: "a", count: 43)
    )
    private static let claimantB = WebSessions.Session(
        principalId: UUID(),
        csrfToken: String(repeating: "b", count: 43)
    )

    private func makeApp() throws -> (some ApplicationProtocol, InMemoryClaimRepository) {
        let claims = InMemoryClaimRepository()
        let router = Router(context: ServiceRequestContext.self)
        let gate = ClaimantGate { request in
            switch request.cookies["mij-session"]?.value {
            case "a": Self.claimantA
            case "b": Self.claimantB
            default: nil
            }
        }
        ClaimController(
            claims: claims,
            pages: try IntakeService.pages(),
            csrf: CSRFProtection(secureCookies: false),
            gate: gate
        )
        .addRoutes(to: router)
        return (Application(router: router), claims)
    }

    private func formBody(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(
            string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
                .joined(separator: "&")
        )
    }

    private func post(_ client: some TestClientProtocol, as session: String, _ fields: [String: String]) async throws
        -> TestResponse
    {
        try await client.execute(
            uri: "/demandes",
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "mij-session=\(session)"],
            body: formBody(fields)
        )
    }

    private let valid = [
        "firstName": "Élodie", "lastName": "Martin", "email": "elodie@example.fr", "doorBreakDate": "2026-11-01",
        "streetAddress": "3 rue des Lilas", "postalCode": "75011", "commune": "Paris",
        "accountHolder": "Élodie Martin", "iban": "FR7630006000011234567890189", "bic": "BNPAFRPP",
        "force": "GN", "armouredDoor": "non",
    ]

    // MARK: - Signed-in claimants only

    @Test func theFormSendsAnonymousVisitorsToSignInAndBack() async throws {
        let (app, _) = try makeApp()
        try await app.test(.router) { client in
            for uri in ["/demandes/nouvelle?statut=locataire", "/mon-espace"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .seeOther)
                let expected =
                    "/connexion?retour=" + uri.addingPercentEncoding(
                        withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/"))
                    )!
                #expect(response.headers[.location] == expected)
            }
            let post = try await client.execute(uri: "/demandes", method: .post, body: formBody(valid))
            #expect(post.status == .seeOther)
        }
    }

    @Test func theFormCarriesTheSessionsOwnCSRFToken() async throws {
        let (app, _) = try makeApp()
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/demandes/nouvelle",
                method: .get,
                headers: [.cookie: "mij-session=a"]
            )
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains("name=\"csrfToken\" value=\"\(Self.claimantA.csrfToken)\""))
        }
    }

    @Test func eligibilityAnswersTravelWithTheFormAndAFileAnywayChoiceIsShown() async throws {
        let (app, _) = try makeApp()
        try await app.test(.router) { client in
            let cookie: HTTPFields = [.cookie: "mij-session=a"]
            let html = String(
                buffer: try await client.execute(
                    uri: "/demandes/nouvelle?statut=locataire&vise=non&heberge=oui",
                    method: .get,
                    headers: cookie
                ).body
            )
            #expect(html.contains("<input type=\"hidden\" name=\"heberge\" value=\"oui\">"))
            #expect(html.contains("ne relève pas de cette indemnisation"))
            let plain = String(
                buffer: try await client.execute(uri: "/demandes/nouvelle", method: .get, headers: cookie).body
            )
            #expect(!plain.contains("ne relève pas de cette indemnisation"))
        }
    }

    @Test func aPostWithoutTheSessionsTokenIsRefusedAndNothingIsSaved() async throws {
        let (app, claims) = try makeApp()
        try await app.test(.router) { client in
            let missing = try await post(client, as: "a", valid)
            #expect(missing.status == .forbidden)
            var stolen = valid
            stolen["csrfToken"] = Self.claimantB.csrfToken
            let foreign = try await post(client, as: "a", stolen)
            #expect(foreign.status == .forbidden, "another session's token must not work")
        }
        #expect(claims.count == 0)
    }

    @Test func invalidFieldsComeBackWithFrenchMessagesAndTheTypedValues() async throws {
        let (app, claims) = try makeApp()
        try await app.test(.router) { client in
            var fields = valid
            fields["postalCode"] = "750"
            fields["csrfToken"] = Self.claimantA.csrfToken
            let response = try await post(client, as: "a", fields)
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(page.contains("Le code postal doit comporter 5 chiffres."))
            #expect(page.contains("value=\"3 rue des Lilas\""))
            #expect(page.contains("aria-invalid=\"true\" aria-describedby=\"postalCode-error\""))
            #expect(page.contains("<input type=\"radio\" id=\"force-GN\" name=\"force\" value=\"GN\" checked>"))
        }
        #expect(claims.count == 0)
    }

    @Test func aSubmittedClaimIsListedForItsOwnerOnly() async throws {
        let (app, _) = try makeApp()
        try await app.test(.router) { client in
            var fields = valid
            fields["csrfToken"] = Self.claimantA.csrfToken
            let created = try await post(client, as: "a", fields)
            #expect(created.status == .created)
            let reference = try #require(String(buffer: created.body).firstMatch(of: /BRI-\d{8}-\d{4}/)?.0)
            let mine = String(
                buffer: try await client.execute(uri: "/mon-espace", method: .get, headers: [.cookie: "mij-session=a"])
                    .body
            )
            #expect(mine.contains(String(reference)) && mine.contains("Déposée"))
            let theirs = String(
                buffer: try await client.execute(uri: "/mon-espace", method: .get, headers: [.cookie: "mij-session=b"])
                    .body
            )
            #expect(!theirs.contains(String(reference)))
        }
    }

    // MARK: - JSON API

    @Test func theJSONAPIAnswers201OnceAndHonoursTheIdempotencyKey() async throws {
        let (app, claims) = try makeApp()
        try await app.test(.router) { client in
            let body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: valid))
            let headers: HTTPFields = [.contentType: "application/json", HTTPField.Name("Idempotency-Key")!: "key-1"]
            let first = try await client.execute(uri: "/api/demandes", method: .post, headers: headers, body: body)
            let second = try await client.execute(uri: "/api/demandes", method: .post, headers: headers, body: body)
            #expect(first.status == .created)
            let firstClaim = try JSONSerialization.jsonObject(with: Data(buffer: first.body)) as? [String: String]
            let secondClaim = try JSONSerialization.jsonObject(with: Data(buffer: second.body)) as? [String: String]
            #expect(firstClaim != nil && firstClaim == secondClaim)
        }
        #expect(claims.count == 1)
    }

    @Test func theJSONAPIListsEveryBadField() async throws {
        let (app, _) = try makeApp()
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/api/demandes",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"firstName":"Élodie"}"#)
            )
            #expect(response.status == .unprocessableContent)
            let errors =
                try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: [String: String]]
            #expect(errors?["errors"]?.count == 11)
        }
    }
}
