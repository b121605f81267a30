import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
import Messaging
import PostgresNIO
import ServiceKit
import TestSupport
import Testing
import WebUI

@testable import Liaison

/// The investigators' portal in process on its own test database: its router and investigators of given units.
// Unchecked: the router is built once, before any request, and only read afterwards.
struct LiaisonHarness: @unchecked Sendable {
    let database: TestDatabase
    let platform: MessagingPlatform
    let router: Router<ServiceRequestContext>
    let directory: InvestigatorDirectory

    /// `settings` adds to or overrides the test's environment (e.g. `PROCONNECT_ISSUER`).
    static func make(settings extra: [String: String] = [:], clock: @escaping @Sendable () -> Date = { Date() })
        async throws -> LiaisonHarness
    {
        let database = try await TestDatabase.create(migrations: ["liaison": try LiaisonService.allMigrations()])
        let settings = try LiaisonService.settings(from: TestServices(database: database).reader(extra))
        let platform = MessagingPlatform(settings: settings.common, logger: TestDatabase.logger)
        let router = try LiaisonService.router(
            settings: settings,
            platform: platform,
            runtime: TestServices.runtime(),
            clock: clock
        )
        let directory = InvestigatorDirectory(client: platform.client, logger: TestDatabase.logger)
        return LiaisonHarness(database: database, platform: platform, router: router, directory: directory)
    }

    /// Runs `body` against the portal with the database client running, then drops the database.
    func run(_ body: @Sendable (LiaisonHarness, any TestClientProtocol) async throws -> Void) async throws {
        try await withRunningServices([platform.client]) {
            try await Application(router: router).test(.router) { client in try await body(self, client) }
        }
        try await database.drop()
    }

    /// A declaration drafted through its three steps by `investigator` (facts, procedure, occupant of
    /// DeclarationJourneyTests), not transmitted; its path.
    func draftDeclaration(as investigator: PortalSession, _ client: any TestClientProtocol) async throws -> String {
        let draft = try #require(try await client.post("/fdo/declarations", as: investigator).headers[.location])
        let path = String(draft.dropLast("/faits".count))
        for (step, answers) in [
            ("faits", DeclarationJourneyTests.facts), ("procedure", DeclarationJourneyTests.procedure),
            ("occupant", DeclarationJourneyTests.occupant),
        ] {
            _ = try await client.post("\(path)/\(step)", as: investigator, answers + [("suite", "continuer")])
        }
        return path
    }

    /// A local account of this unit (password `correct horse battery`) signed in with a session.
    func investigator(unit: String, force: String = "PN", name: String = "Enquêteur") async throws -> PortalSession {
        let id = try await directory.upsert(
            email: "\(UUID().uuidString.lowercased())@interieur.test",
            password: "correct horse battery",
            displayName: name,
            force: force,
            unitCode: unit,
            unitName: "Unité \(unit)"
        )
        return try await PortalSession.open(
            for: id,
            cookie: InvestigatorGate.sessionCookie,
            client: platform.client,
            logger: TestDatabase.logger
        )
    }

    /// The ids a route's parameters are filled with.
    struct PortalObjects {
        var declaration: UUID
        var query: UUID
        var document: UUID

        /// The value of each parameter of `route`: `{id}` is the question's on a question's route, else the
        /// declaration's.
        func parameters(of route: String) -> [String: String] {
            let id = route.hasPrefix("/fdo/questions") ? query : declaration
            return ["id": id.uuidString.lowercased(), "document": document.uuidString.lowercased(), "step": "faits"]
        }

        /// `route` with its parameters filled in; `id` replaces the declaration's or the question's.
        func path(_ route: String, id: UUID? = nil) -> String {
            var values = parameters(of: route)
            if let id { values["id"] = id.uuidString.lowercased() }
            return RouteTemplate.filled(route, with: values)
        }
    }

    /// A declaration transmitted by `author` (of unit GN-BR-69), with its notice, a report, and a rédacteur's
    /// question with a file joined (one document id stands in every `{document}`).
    func declarationWithQuestionAndFiles(as author: PortalSession, _ client: any TestClientProtocol) async throws
        -> PortalObjects
    {
        let path = try await draftDeclaration(as: author, client)
        #expect(try await client.post("\(path)/transmission", as: author).status == .seeOther)
        let declaration = try #require(
            try await platform.client.outboxEvents(DeclarationSubmitted.self, logger: TestDatabase.logger).first
        ).declarationId
        let query = UUID()
        let document = UUID()
        try await platform.client.withConnection { connection in
            let asked = InvestigatorQuerySent(
                queryId: query,
                claimId: UUID(),
                reference: "BRI-20261202-0042",
                declarationId: declaration,
                unitCode: "GN-BR-69",
                question: "La serrure a-t-elle été changée ?",
                dueOn: "2026-12-20",
                askedBy: "Rémi Rédacteur",
                askedAt: Date()
            )
            try await InvestigatorQuerySentHandler.record(asked, on: connection, logger: TestDatabase.logger)
            try await connection.query(
                "UPDATE declaration SET notice_document_id = \(UUID()) WHERE id = \(declaration)",
                logger: TestDatabase.logger
            )
            try await connection.query(
                """
                INSERT INTO declaration_attachment (document_id, declaration_id, type, file_name, scan_status,
                                                    uploaded_by, uploaded_at)
                VALUES (\(document), \(declaration), 'pv_fdo', 'pv.pdf', 'clean', \(UUID()), now())
                """,
                logger: TestDatabase.logger
            )
            try await connection.query(
                """
                INSERT INTO query_attachment (document_id, query_id, file_name, scan_status, uploaded_at)
                VALUES (\(document), \(query), 'plan.pdf', 'clean', now())
                """,
                logger: TestDatabase.logger
            )
        }
        return PortalObjects(declaration: declaration, query: query, document: document)
    }
}
