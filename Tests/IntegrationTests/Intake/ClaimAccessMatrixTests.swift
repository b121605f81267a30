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

/// Every route of the claimant portal, read from the router itself, tried by another signed-in claimant and by an
/// anonymous visitor against claimant A's claims and documents: none answers anything but "not found" (or the way
/// to sign in), and nothing of A's changes. A route added later is covered without touching this test, and a new
/// route that names no claim must be classified below, on purpose.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct ClaimAccessMatrixTests {
    /// Routes that name no claim: public pages, the account's own pages, health. Anything else must take a claim.
    private static let notAboutAClaim: Set<String> = [
        "GET /", "GET /eligibilite", "GET /compte/creer", "POST /compte/creer", "GET /compte/activation/{token}",
        "POST /compte/activation/{token}", "GET /connexion", "POST /connexion", "POST /deconnexion",
        "GET /connexion/mot-de-passe-oublie", "POST /connexion/mot-de-passe-oublie",
        "GET /connexion/nouveau-mot-de-passe/{token}", "POST /connexion/nouveau-mot-de-passe/{token}",
        "GET /connexion/franceconnect", "GET /connexion/franceconnect/retour", "GET /mon-espace",
        "GET /demandes/nouvelle", "POST /demandes", "POST /api/demandes",
        // The signed-in claimant's own data (PersonalDataExportTests).
        "GET /mon-espace/donnees", "GET /mon-espace/donnees/export.json", "POST /mon-espace/donnees/releve",
        "GET /mon-espace/donnees/releves/{summary}",
        // A declaration's code, attached only to the signed-in claimant's own draft (DeclarationAttachTests).
        "GET /rattachement", "POST /rattachement", "GET /rattachement/{declaration}",
        "POST /rattachement/{declaration}",
        "GET /health/live", "GET /health/ready", "GET /metrics",
    ]
    private static let steps = ClaimStep.allCases.map(\.rawValue) + ["recapitulatif", "pieces", "inconnue"]

    private struct NotSubmitted: Error {}

    /// A's submitted claim and A's draft, each with an upload of A's; the submitted one also has its receipt.
    private struct Owned: Sendable {
        var submitted: UUID
        var draft: UUID
        var documents: [UUID]
    }

    @Test func anotherClaimantAndAnonymousVisitorsGetNothingOfAClaimOnAnyRoute() async throws {
        let database = try await TestDatabase.create(migrations: ["intake": try IntakeService.allMigrations()])
        let test = TestServices(database: database)
        let settings = try IntakeService.settings(from: test.reader())
        let platform = MessagingPlatform(settings: settings.common, logger: TestDatabase.logger)
        let router = try IntakeService.router(settings: settings, platform: platform, runtime: TestServices.runtime())
        let routes = router.routes.map { "\($0.method) \($0.path)" }
        let unclassified = routes.filter { !$0.contains("{id}") && !Self.notAboutAClaim.contains($0) }
        #expect(unclassified.isEmpty, "classify these routes: \(unclassified)")
        let app = Application(router: router)

        try await withRunningServices([platform.client]) {
            let sessions = WebSessions(client: platform.client, secureCookies: false, logger: TestDatabase.logger)
            let owner = try await SignedInClaimant.open(sessions, database)
            let other = try await SignedInClaimant.open(sessions, database)
            let owned = try await Self.claims(of: owner.id, platform: platform, settings: settings, database: database)
            let before = try await Self.snapshot(database)

            try await app.test(.router) { client in
                let tried = try await Self.tryEveryClaimRoute(client, routes, owned, intruder: other)
                #expect(tried > 50, "the matrix must really cover the claim routes")
                try await Self.readEveryClaimRoute(client, routes, owned, owner: owner)
            }
            #expect(try await Self.snapshot(database) == before, "another claimant changed nothing")
        }
        try await database.drop()
    }

    /// Every claim route with every parameter, as `intruder` and anonymously; the number of requests made.
    private static func tryEveryClaimRoute(
        _ client: some TestClientProtocol,
        _ routes: [String],
        _ owned: Owned,
        intruder: PortalSession
    ) async throws -> Int {
        var tried = 0
        for route in routes where route.contains("{id}") {
            let method = HTTPRequest.Method(rawValue: String(route.prefix { $0 != " " }))!
            for uri in uris(route, owned) {
                let intruding = try await request(client, method, uri, as: intruder)
                #expect(intruding.status == .notFound, "\(method) \(uri) as another claimant: \(intruding.status)")
                let anonymous = try await request(client, method, uri, as: nil)
                let toSignIn =
                    anonymous.status == .seeOther
                    && anonymous.headers[.location]?.hasPrefix("/connexion") == true
                #expect(
                    toSignIn || anonymous.status == .forbidden,
                    "\(method) \(uri) anonymously: \(anonymous.status)"
                )
                tried += 2
            }
        }
        return tried
    }

    /// The same reads by the owner succeed: the 404s come from ownership, not from malformed URLs.
    private static func readEveryClaimRoute(
        _ client: some TestClientProtocol,
        _ routes: [String],
        _ owned: Owned,
        owner: PortalSession
    ) async throws {
        for route in routes where route.hasPrefix("GET ") && route.contains("{id}") {
            let uri = try #require(uris(route, owned).first)
            let response = try await request(client, .get, uri, as: owner)
            #expect([.ok, .seeOther].contains(response.status), "GET \(uri) by its owner: \(response.status)")
        }
    }

    // MARK: - Fixtures

    private static func claims(
        of owner: UUID,
        platform: MessagingPlatform,
        settings: IntakeService.Settings,
        database: TestDatabase
    )
        async throws -> Owned
    {
        let claims = PostgresClaimRepository(
            outbox: platform.outbox,
            cipher: try #require(settings.bankDetailsCipher),
            logger: TestDatabase.logger
        )
        let form = ClaimForm(fields: ClaimFixtures.formJSON())
        let submitted = try await claims.startDraft(form, owner: owner)
        var documents: [UUID] = []
        for type in form.requiredDocuments.map(\.rawValue) + ["recepisse"] {
            documents.append(try await attach(type, to: submitted, by: type == "recepisse" ? nil : owner, database))
        }
        guard case .submitted = try await claims.submitDraft(submitted, owner: owner, today: Date(), context: .init())
        else { throw NotSubmitted() }
        let draft = try await claims.startDraft(form, owner: owner)
        documents.append(try await attach("facture", to: draft, by: owner, database))
        return Owned(submitted: submitted, draft: draft, documents: documents)
    }

    private static func attach(_ type: String, to claim: UUID, by owner: UUID?, _ database: TestDatabase) async throws
        -> UUID
    {
        let id = UUID()
        try await database.inspect { client in
            try await client.query(
                """
                INSERT INTO intake.claim_document (document_id, claim_id, uploaded_by, type, file_name, media_type,
                                                   size, scan_status, uploaded_at)
                VALUES (\(id), \(claim), \(owner), \(type), 'piece.pdf', 'application/pdf', 1000, 'clean', now())
                """,
                logger: TestDatabase.logger
            )
        }
        return id
    }

    /// Every way to fill a route's parameters with A's claims, documents and the step names.
    private static func uris(_ route: String, _ owned: Owned) -> [String] {
        var paths = [String(route.drop { $0 != " " }.dropFirst())]
        for (parameter, values) in [
            ("{id}", [owned.submitted, owned.draft].map { $0.uuidString.lowercased() }),
            ("{document}", owned.documents.map { $0.uuidString.lowercased() }),
            ("{step}", steps),
        ] {
            paths = paths.flatMap { path in
                path.contains(parameter) ? values.map { path.replacingOccurrences(of: parameter, with: $0) } : [path]
            }
        }
        return paths
    }

    private static func request(
        _ client: some TestClientProtocol,
        _ method: HTTPRequest.Method,
        _ uri: String,
        as visitor: PortalSession?
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let visitor { headers[.cookie] = visitor.cookie }
        let token = visitor?.csrfToken ?? ""
        // A's answers, posted by someone else: nothing of them may land anywhere.
        let body = "csrfToken=\(token)&firstName=Intrus&iban=FR7630006000011234567890189&description=x"
        return try await client.execute(
            uri: uri,
            method: method,
            headers: headers,
            body: method == .post ? ByteBuffer(string: body) : nil
        )
    }

    /// Everything a request could change about claims: rows, answers, documents, events.
    private static func snapshot(_ database: TestDatabase) async throws -> [String] {
        try await database.inspect { client in
            let rows = try await client.query(
                """
                SELECT 'claim ' || id || ' ' || status || ' ' || md5(answers::text) || ' ' || updated_at FROM intake.claim
                UNION ALL SELECT 'document ' || document_id || ' ' || coalesce(withdrawn_at::text, '-')
                FROM intake.claim_document
                UNION ALL SELECT 'outbox ' || count(*) FROM intake.outbox
                ORDER BY 1
                """,
                logger: TestDatabase.logger
            )
            var lines: [String] = []
            for try await line in rows.decode(String.self) { lines.append(line) }
            return lines
        }
    }
}
