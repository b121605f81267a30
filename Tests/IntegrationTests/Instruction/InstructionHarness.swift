import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Messaging
import NIOCore
import PostgresNIO
import ServiceKit
import TestSupport
import WebUI

@testable import Instruction

/// The back office in process on its own test database: its router, agents signed in by session, and claims
/// filed as `ClaimSubmitted` would file them.
// Unchecked: the router is built once, before any request, and only read afterwards.
struct InstructionHarness: @unchecked Sendable {
    /// A signed-in agent: the cookie and CSRF token their browser would hold.
    typealias SignedIn = PortalSession

    let database: TestDatabase
    let platform: MessagingPlatform
    let router: Router<ServiceRequestContext>

    /// `settings` adds to or overrides the test's environment (e.g. `PROCONNECT_ISSUER`).
    static func make(settings extra: [String: String] = [:]) async throws -> InstructionHarness {
        let database = try await TestDatabase.create(migrations: ["instruction": try InstructionService.allMigrations()]
        )
        let settings = try InstructionService.settings(from: TestServices(database: database).reader(extra))
        let platform = MessagingPlatform(settings: settings.common, logger: TestDatabase.logger)
        let router = try InstructionService.router(
            settings: settings,
            platform: platform,
            runtime: TestServices.runtime()
        )
        return InstructionHarness(database: database, platform: platform, router: router)
    }

    /// Runs `body` with the database client running, then drops the database.
    func run(_ body: @Sendable (InstructionHarness) async throws -> Void) async throws {
        try await withRunningServices([platform.client]) { try await body(self) }
        try await database.drop()
    }

    /// An active agent with these roles (no password: sessions are opened directly) and their session.
    func agent(_ roles: [String], name: String = "Agent") async throws -> SignedIn {
        let id = UUID()
        try await platform.client.query(
            """
            INSERT INTO agent (id, email, display_name, roles, password_hash)
            VALUES (\(id), \("\(id.uuidString.lowercased())@agents.test"), \(name), \(roles), '')
            """,
            logger: TestDatabase.logger
        )
        return try await PortalSession.open(
            for: id,
            cookie: AgentGate.sessionCookie,
            client: platform.client,
            logger: TestDatabase.logger
        )
    }

    /// Files a submitted claim as the `ClaimSubmitted` handler does; returns the event.
    @discardableResult
    func claim(_ event: ClaimSubmitted) async throws -> ClaimSubmitted {
        try await platform.client.withTransaction(logger: TestDatabase.logger) { connection in
            try await ClaimSubmittedHandler.record(event, on: connection, logger: TestDatabase.logger)
        }
        return event
    }

    /// Files the claim and puts it in instruction with `assignee`, as attribution and T3 would.
    func inInstruction(_ event: ClaimSubmitted, assignee: SignedIn) async throws -> UUID {
        let claim = try await self.claim(event).claimId
        try await platform.client.query(
            "UPDATE claim SET status = 'EN_INSTRUCTION', assignee_id = \(assignee.id) WHERE id = \(claim)",
            logger: TestDatabase.logger
        )
        return claim
    }

    /// A GET as `agent` (anonymous when nil).
    func get(_ client: some TestClientProtocol, _ path: String, as agent: SignedIn?) async throws -> TestResponse {
        try await client.get(path, as: agent)
    }

    /// A form POST as `agent`, with their CSRF token unless `csrf` is false.
    func post(
        _ client: some TestClientProtocol,
        _ path: String,
        as agent: SignedIn?,
        _ fields: [(String, String)] = [],
        csrf: Bool = true
    ) async throws -> TestResponse {
        try await client.post(path, as: agent, fields, csrf: csrf)
    }

    /// A number read with SQL (schema-qualified names).
    func count(_ sql: String) async throws -> Int { try await database.count(sql) }

    /// The claim's state as stored.
    func state(of claim: UUID) async throws -> String {
        let rows = try await platform.client.query(
            "SELECT status FROM claim WHERE id = \(claim)",
            logger: TestDatabase.logger
        )
        for try await status in rows.decode(String.self) { return status }
        return "absent"
    }

    /// Payloads of the outbox events of one name, oldest first.
    func events<E: EventContract>(_ type: E.Type) async throws -> [E] {
        try await platform.client.outboxEvents(type, logger: TestDatabase.logger)
    }

    static func path(_ claim: UUID, _ suffix: String = "") -> String {
        "/agents/dossiers/\(claim.uuidString.lowercased())\(suffix)"
    }
}
