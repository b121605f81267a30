import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import ServiceKit
import TestSupport
import Testing
import WebUI

@testable import Instruction

/// Every route of the back office, read from the router, tried by an anonymous visitor, a staff manager (who
/// reads no claim) and a consultation agent (who reads but acts on nothing): each gets exactly what its role
/// allows, and nothing is written. Then the local sign-in itself.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct AgentAccessTests {
    /// Routes that name no claim.
    private static let notAboutAClaim: Set<String> = [
        "GET /agents", "GET /agents/connexion", "POST /agents/connexion", "POST /agents/deconnexion",
        "GET /agents/dossiers", "GET /agents/api/dossiers", "GET /agents/statistiques", "GET /agents/gestion",
        "POST /agents/gestion",
        "GET /agents/gestion/{agent}", "POST /agents/gestion/{agent}", "POST /agents/preferences", "GET /health/live",
        "GET /health/ready", "GET /metrics",
        // The data protection referent's requests, about a person rather than a claim (SubjectRequestTests).
        "GET /agents/donnees-personnelles", "POST /agents/donnees-personnelles",
        "GET /agents/donnees-personnelles/{request}", "GET /agents/donnees-personnelles/{request}/reponses.json",
    ]

    @Test func eachRoleGetsWhatItMayAndNothingIsWritten() async throws {
        try await InstructionHarness.make().run { harness in
            let routes = harness.router.routes.map { (method: "\($0.method)", path: "\($0.path)") }
            let unclassified = routes.filter {
                !$0.path.contains("{id}") && !Self.notAboutAClaim.contains("\($0.method) \($0.path)")
            }
            #expect(unclassified.isEmpty, "classify these routes: \(unclassified)")
            var event = ClaimFixtures.submitted(number: 3)
            let document = UUID()
            event.documents = [.init(id: document, type: "rib")]
            // The unit's report shares the id, so that one document stands in both `{document}` routes.
            var declaration = DeclarationFixtures.submitted()
            declaration.attachments = [.init(id: document, type: "pv_fdo")]
            try await harness.platform.client.withConnection { connection in
                try await DeclarationSubmittedHandler.record(declaration, on: connection, logger: TestDatabase.logger)
            }
            event.declarationId = declaration.declarationId
            let claim = try await harness.claim(event).claimId
            let manager = try await harness.agent(["gestionnaire"])
            let consultation = try await harness.agent(["consultation"])
            let attributeur = try await harness.agent(["attributeur"])
            let referent = try await harness.agent(["protection-donnees"])
            // A question to the unit with a file joined to it, the same document again, for the question's route.
            let query = UUID()
            try await harness.platform.client.query(
                """
                INSERT INTO investigator_query (id, claim_id, declaration_id, question, due_on, asked_by, asked_at)
                VALUES (\(query), \(claim), \(declaration.declarationId), 'Question ?', current_date + 10,
                        \(attributeur.id), now());
                """,
                logger: TestDatabase.logger
            )
            try await harness.platform.client.query(
                """
                INSERT INTO investigator_query_attachment (document_id, query_id, file_name, scan_status, uploaded_by,
                                                           uploaded_at)
                VALUES (\(document), \(query), 'plan.pdf', 'clean', \(attributeur.id), now())
                """,
                logger: TestDatabase.logger
            )
            let claimRoutes = routes.filter { $0.path.contains("{id}") }
            #expect(claimRoutes.filter { $0.method == "POST" }.count >= 6, "the matrix must cover the actions")
            try await Application(router: harness.router).test(.router) { client in
                for route in claimRoutes {
                    let path = Self.concrete(route.path, claim: claim, document: document, query: query)
                    let anonymous = try await Self.call(harness, client, route.method, path, as: nil)
                    #expect(anonymous.status == .seeOther, "\(route) anonymous")
                    #expect(anonymous.headers[.location]?.hasPrefix("/agents/connexion") == true, "\(route) anonymous")
                    let managed = try await Self.call(harness, client, route.method, path, as: manager)
                    #expect(managed.status == .forbidden, "\(route) staff manager")
                    let referred = try await Self.call(harness, client, route.method, path, as: referent)
                    #expect(referred.status == .forbidden, "\(route) data protection referent")
                    let consulted = try await Self.call(harness, client, route.method, path, as: consultation)
                    #expect(
                        consulted.status == Self.expectedForConsultation(route.method, path),
                        "\(route) consultation: \(consulted.status)"
                    )
                    let unknown = Self.concrete(route.path, claim: UUID(), document: document, query: query)
                    let missing = try await Self.call(harness, client, route.method, unknown, as: attributeur)
                    #expect(missing.status == .notFound, "\(route) unknown claim: \(missing.status)")
                }
                for page in ["/agents/dossiers", "/agents/statistiques"] {
                    #expect(try await harness.get(client, page, as: manager).status == .forbidden, "\(page)")
                }
                // Only the referent opens data protection requests; the referent reads no claim.
                for agent in [manager, consultation, attributeur] {
                    let page = try await harness.get(client, "/agents/donnees-personnelles", as: agent)
                    #expect(page.status == .forbidden, "data protection requests are the referent's only")
                }
                #expect(try await harness.get(client, "/agents/dossiers", as: referent).status == .forbidden)
                let preferences = try await harness.post(client, "/agents/preferences", as: manager)
                #expect(preferences.status == .forbidden, "a staff manager alone has no claims to digest")
            }
            #expect(try await harness.count("SELECT count(*) FROM instruction.audit_entry") == 0)
            #expect(try await harness.state(of: claim) == "A_ATTRIBUER")
        }
    }

    @Test func anAgentSignsInWithALocalAccountAndIsThrottledAfterFiveFailures() async throws {
        try await InstructionHarness.make().run { harness in
            let password = "une phrase de passe d’agent"
            try await harness.platform.client.query(
                """
                INSERT INTO agent (id, email, display_name, roles, password_hash)
                VALUES (\(UUID()), 'camille@agents.test', 'Camille', \(["redacteur"]), \(try await PasswordHasher().hash(password)))
                """,
                logger: TestDatabase.logger
            )
            try await Application(router: harness.router).test(.router) { client in
                let form = try await client.execute(uri: "/agents/connexion", method: .get)
                let cookie = try #require(form.headers[.setCookie]?.split(separator: ";").first.map(String.init))
                let token = try #require(
                    String(buffer: form.body).firstMatch(of: /name="csrfToken" value="([^"]+)"/)?.1
                )
                func signIn(_ password: String) async throws -> TestResponse {
                    let body =
                        "csrfToken=\(token)&email=Camille%40agents.test&password=\(password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
                    return try await client.execute(
                        uri: "/agents/connexion?retour=%2Fagents%2Fdossiers%3Fetat%3DA_ATTRIBUER",
                        method: .post,
                        headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                        body: ByteBuffer(string: body + "&retour=%2Fagents%2Fdossiers%3Fetat%3DA_ATTRIBUER")
                    )
                }
                let signedIn = try await signIn(password)
                #expect(signedIn.status == .seeOther)
                #expect(signedIn.headers[.location] == "/agents/dossiers?etat=A_ATTRIBUER")
                let session = try #require(signedIn.headers[.setCookie]?.split(separator: ";").first.map(String.init))
                let list = try await client.execute(uri: "/agents/dossiers", method: .get, headers: [.cookie: session])
                #expect(list.status == .ok && String(buffer: list.body).contains("Camille (Rédacteur)"))
                for _ in 0..<5 { #expect(try await signIn("mauvais mot de passe").status == .unauthorized) }
                let throttled = try await signIn(password)
                #expect(throttled.status == .tooManyRequests && throttled.headers[.retryAfter] != nil)
            }
        }
    }

    @Test func theListFindsClaimsByFoldedNameAndFilters() async throws {
        try await InstructionHarness.make().run { harness in
            let reader = try await harness.agent(["consultation"])
            var paris = ClaimFixtures.submitted(number: 4)
            paris.claimant.lastName = "Lefèvre"
            paris.doorBreak.postalCode = "75011"
            paris.doorBreak.force = "PN"
            try await harness.claim(paris)
            try await harness.claim(ClaimFixtures.submitted(number: 5))
            let reference = paris.reference
            try await Application(router: harness.router).test(.router) { client in
                let byName = try await harness.get(client, "/agents/dossiers?q=LEFEVRE", as: reader).text
                #expect(byName.contains(reference) && byName.contains("Dossiers 1 à 1 sur 1."))
                let lyon = try await harness.get(client, "/agents/dossiers?departement=69", as: reader).text
                #expect(!lyon.contains(reference) && lyon.contains("sur 1."))
                let police = try await harness.get(client, "/agents/dossiers?force=PN&etat=A_ATTRIBUER", as: reader)
                    .text
                #expect(police.contains(reference) && police.contains("sur 1."))
                // Both were submitted days ago (the fixtures' date) and wait for attribution longer than its 3 days.
                let dashboard = try await harness.get(client, "/agents/dossiers", as: reader).text
                #expect(dashboard.contains("2 en retard") && dashboard.contains("En retard"))
                let invalid = try await harness.get(client, "/agents/dossiers?etat=PAYE", as: reader)
                #expect(invalid.status == .badRequest)
                let paged = try await harness.get(client, "/agents/dossiers?page=2", as: reader).text
                #expect(paged.contains("Aucun dossier sur cette page : 2 correspondent à la recherche."))
            }
        }
    }

    /// A consultation agent reads the claim and opens its documents, and nothing else: no action, no payment file.
    private static func expectedForConsultation(_ method: String, _ path: String) -> HTTPResponse.Status {
        guard method == "GET", !path.hasSuffix("/virement") else { return .forbidden }
        return path.contains("/pieces/") || path.contains("/pieces-enqueteurs/") ? .seeOther : .ok
    }

    private static func concrete(_ path: String, claim: UUID, document: UUID, query: UUID) -> String {
        RouteTemplate.filled(
            path,
            with: ["id": claim, "document": document, "query": query].mapValues { $0.uuidString.lowercased() }
        )
    }

    private static func call(
        _ harness: InstructionHarness,
        _ client: some TestClientProtocol,
        _ method: String,
        _ path: String,
        as agent: InstructionHarness.SignedIn?
    ) async throws -> TestResponse {
        method == "GET"
            ? try await harness.get(client, path, as: agent)
            : try await harness.post(
                client,
                path,
                as: agent,
                [("note", "x"), ("verdict", "accepted"), ("redacteur", UUID().uuidString)]
            )
    }
}
