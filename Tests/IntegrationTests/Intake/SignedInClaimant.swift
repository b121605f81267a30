import Foundation
import PostgresNIO
import TestSupport
import WebUI

/// A claimant account written straight into intake's schema and signed in with a session: what a browser would
/// hold (the session cookie and the form's CSRF token).
enum SignedInClaimant {
    static func open(_ sessions: WebSessions, _ database: TestDatabase) async throws -> PortalSession {
        let id = UUID()
        try await database.inspect { client in
            try await client.query(
                "INSERT INTO intake.claimant_account (id, email, created_at) VALUES (\(id), \("\(id.uuidString.lowercased())@example.org"), now())",
                logger: TestDatabase.logger
            )
        }
        let setCookie = try await sessions.open(for: id)
        let tokens = try await database.strings(
            "SELECT csrf_token FROM intake.web_session WHERE principal_id = '\(id)'"
        )
        guard let token = tokens.first else { throw SessionMissing() }
        return PortalSession(id: id, cookie: String(setCookie.prefix { $0 != ";" }), csrfToken: token)
    }

    private struct SessionMissing: Error {}
}
