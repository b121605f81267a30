import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import Liaison

/// Every route of the investigators' portal that names a declaration, a question or a file, read from the router
/// (reliability.md §4.C 29–30): an anonymous visitor is sent to sign in, an investigator of another unit and an
/// unknown id get 404, the declaring unit's own forms refuse a missing token or a foreign origin — and none of
/// them writes anything; a colleague of the declaring unit reads every page and file.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct LiaisonAccessMatrixTests {
    /// Routes that name no declaration, question or file.
    private static let notAboutAnObject: Set<String> = [
        "GET /fdo", "GET /fdo/serrurier", "POST /fdo/declarations", "GET /fdo/connexion", "POST /fdo/connexion",
        "POST /fdo/deconnexion", "GET /fdo/proconnect", "GET /fdo/proconnect/retour", "GET /fdo/affectation",
        "POST /fdo/affectation", "GET /health/live", "GET /health/ready", "GET /metrics",
    ]

    @Test func onlyTheDeclaringUnitReachesItsDeclarationsQuestionsAndFiles() async throws {
        try await LiaisonHarness.make().run { harness, client in
            let routes = harness.router.routes.map { (method: "\($0.method)", path: "\($0.path)") }
            let unclassified = routes.filter {
                !$0.path.contains("{") && !Self.notAboutAnObject.contains("\($0.method) \($0.path)")
            }
            #expect(unclassified.isEmpty, "classify these routes: \(unclassified)")
            let objectRoutes = routes.filter { $0.path.contains("{") }
            #expect(objectRoutes.count >= 10, "the matrix must cover the declaration, question and file routes")

            let author = try await harness.investigator(unit: "GN-BR-69", force: "GN", name: "Adjudant Morel")
            let colleague = try await harness.investigator(unit: "GN-BR-69", force: "GN", name: "Gendarme Petit")
            let stranger = try await harness.investigator(unit: "PN-MARSEILLE")
            let objects = try await harness.declarationWithQuestionAndFiles(as: author, client)

            let before = try await harness.database.fingerprint(schema: "liaison")
            for route in objectRoutes {
                let path = objects.path(route.path)
                let anonymous = try await Self.call(client, route.method, path, as: nil)
                #expect(anonymous.status == .seeOther, "\(route) anonymous: \(anonymous.status)")
                #expect(anonymous.headers[.location]?.hasPrefix("/fdo/connexion") == true, "\(route) anonymous")
                let foreign = try await Self.call(client, route.method, path, as: stranger)
                #expect(foreign.status == .notFound, "\(route) another unit: \(foreign.status)")
                let unknown = try await Self.call(
                    client,
                    route.method,
                    objects.path(route.path, id: UUID()),
                    as: author
                )
                #expect(unknown.status == .notFound, "\(route) unknown id: \(unknown.status)")
                guard route.method == "POST" else { continue }
                let tokenless = try await client.post(path, as: author, csrf: false)
                #expect(tokenless.status == .forbidden, "\(route) without the form's token: \(tokenless.status)")
                let crossSite = try await client.post(path, as: author, origin: "https://attaquant.example")
                #expect(crossSite.status == .forbidden, "\(route) from another origin: \(crossSite.status)")
            }
            #expect(
                try await harness.database.fingerprint(schema: "liaison") == before,
                "a refused request wrote something"
            )

            for route in objectRoutes where route.method == "GET" {
                let read = try await client.get(objects.path(route.path), as: colleague)
                #expect([.ok, .seeOther].contains(read.status), "\(route) colleague: \(read.status)")
                if route.path.contains("/pieces/") || route.path.hasSuffix("/avis") {
                    #expect(read.headers[.location]?.contains("?jeton=") == true, "\(route) opens the file")
                }
            }
        }
    }

    /// A request as `session` (anonymous when nil); a POST carries the session's token and an answer to any form.
    private static func call(
        _ client: any TestClientProtocol,
        _ method: String,
        _ path: String,
        as session: PortalSession?
    ) async throws -> TestResponse {
        method == "POST"
            ? try await client.post(path, as: session, [("reponse", "Oui"), ("suite", "continuer")])
            : try await client.get(path, as: session)
    }
}
