import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOFoundationCompat
import Testing
import WebUI

@testable import Intake

/// The claim pages and API through the router, with claims kept in memory.
struct ClaimControllerTests {
    private func makeApp() throws -> (some ApplicationProtocol, InMemoryClaimRepository) {
        let claims = InMemoryClaimRepository()
        let router = Router()
        ClaimController(
            claims: claims,
            pages: try IntakeService.pages(),
            csrf: CSRFProtection(secureCookies: false)
        ).addRoutes(to: router)
        return (Application(router: router), claims)
    }

    private func formBody(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&"))
    }

    private let valid = [
        "firstName": "Élodie", "lastName": "Martin", "email": "elodie@example.fr", "doorBreakDate": "2026-11-01",
        "streetAddress": "3 rue des Lilas", "postalCode": "75011", "commune": "Paris",
        "accountHolder": "Élodie Martin", "iban": "FR7630006000011234567890189", "bic": "BNPAFRPP",
        "force": "GN", "armouredDoor": "non",
    ]

    @Test func theFormSetsACSRFCookieMatchingItsHiddenField() async throws {
        let (app, _) = try makeApp()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            let cookie = try #require(response.headers[.setCookie])
            let token = try #require(cookie.firstMatch(of: /mij-csrf=([^;]+)/)?.1)
            #expect(String(buffer: response.body).contains("name=\"csrfToken\" value=\"\(token)\""))
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        }
    }

    @Test func eligibilityAnswersTravelWithTheFormAndAFileAnywayChoiceIsShown() async throws {
        let (app, _) = try makeApp()
        try await app.test(.router) { client in
            let html = String(buffer: try await client.execute(uri: "/?statut=locataire&vise=non&heberge=oui", method: .get).body)
            #expect(html.contains("<input type=\"hidden\" name=\"heberge\" value=\"oui\">"))
            #expect(html.contains("ne relève pas de cette indemnisation"))
            let plain = String(buffer: try await client.execute(uri: "/", method: .get).body)
            #expect(!plain.contains("ne relève pas de cette indemnisation"))
        }
    }

    @Test func aPostWithoutTheCSRFTokenIsRefusedAndNothingIsSaved() async throws {
        let (app, claims) = try makeApp()
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/demandes", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: formBody(valid)
            )
            #expect(response.status == .forbidden)
        }
        #expect(claims.count == 0)
    }

    @Test func invalidFieldsComeBackWithFrenchMessagesAndTheTypedValues() async throws {
        let (app, claims) = try makeApp()
        try await app.test(.router) { client in
            var fields = valid
            fields["postalCode"] = "750"
            fields["csrfToken"] = String(repeating: "a", count: 43)
            let response = try await client.execute(
                uri: "/demandes", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "mij-csrf=\(String(repeating: "a", count: 43))"],
                body: formBody(fields)
            )
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(page.contains("Le code postal doit comporter 5 chiffres."))
            #expect(page.contains("value=\"3 rue des Lilas\""))
            #expect(page.contains("aria-invalid=\"true\" aria-describedby=\"postalCode-error\""))
            #expect(page.contains("<input type=\"radio\" id=\"force-GN\" name=\"force\" value=\"GN\" checked>"))
        }
        #expect(claims.count == 0)
    }

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
                uri: "/api/demandes", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"firstName":"Élodie"}"#)
            )
            #expect(response.status == .unprocessableContent)
            let errors = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: [String: String]]
            #expect(errors?["errors"]?.count == 11)
        }
    }
}
