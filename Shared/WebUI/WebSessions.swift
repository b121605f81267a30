import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PostgresNIO

/// Server-side sessions in the owning service's `web_session` table (DESIGN.md §7): the browser holds only a
/// random token; idle and absolute timeouts are enforced here; each session carries its own CSRF token.
package struct WebSessions: Sendable {
    /// A live session: who is signed in and the CSRF token their forms must carry.
    package struct Session: Sendable, Equatable {
        package var principalId: UUID
        package var csrfToken: String

        package init(principalId: UUID, csrfToken: String) {
            self.principalId = principalId
            self.csrfToken = csrfToken
        }
    }

    package static let idleTimeout: TimeInterval = 30 * 60
    package static let absoluteTimeout: TimeInterval = 12 * 3600

    private let client: PostgresClient
    private let secureCookies: Bool
    private let portalCookie: String
    private let clock: @Sendable () -> Date
    private let logger: Logger

    /// `cookie` names the portal's session cookie: the portals share one origin behind the gateway, so each needs
    /// its own name or signing in to one would sign the browser out of another.
    package init(
        client: PostgresClient,
        cookie: String = "mij-session",
        secureCookies: Bool,
        logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.portalCookie = cookie
        self.secureCookies = secureCookies
        self.logger = logger
        self.clock = clock
    }

    /// `__Host-` cookies require HTTPS; plain HTTP (local development) uses a plain name.
    package var cookieName: String { secureCookies ? "__Host-\(portalCookie)" : portalCookie }

    /// Opens a session for a principal who just proved who they are, and returns its `Set-Cookie` value.
    /// A new token every time, so a token planted before login is worthless after it.
    package func open(for principalId: UUID) async throws -> String {
        let token = SecretToken()
        let now = clock()
        try await client.query(
            """
            INSERT INTO web_session (token_sha256, principal_id, csrf_token, created_at, last_seen_at)
            VALUES (\(token.digest), \(principalId), \(SecretToken().value), \(now), \(now))
            """,
            logger: logger
        )
        try await client.query(
            """
            DELETE FROM web_session
            WHERE last_seen_at < \(now.addingTimeInterval(-Self.idleTimeout))
               OR created_at < \(now.addingTimeInterval(-Self.absoluteTimeout))
            """,
            logger: logger
        )
        return cookie(token.value, maxAge: Int(Self.absoluteTimeout))
    }

    /// The session the request's cookie names, if it is still alive; using it extends the idle timeout (to the minute).
    package func current(_ request: Request) async throws -> Session? {
        guard let raw = request.cookies[cookieName]?.value, let token = SecretToken(received: raw) else { return nil }
        let now = clock()
        // The idle clock is moved at most once a minute: most requests only read, and no row is rewritten for each.
        let rows = try await client.query(
            """
            WITH live AS (
                SELECT token_sha256, principal_id, csrf_token, last_seen_at FROM web_session
                WHERE token_sha256 = \(token.digest)
                  AND last_seen_at >= \(now.addingTimeInterval(-Self.idleTimeout))
                  AND created_at >= \(now.addingTimeInterval(-Self.absoluteTimeout))
            ), touched AS (
                UPDATE web_session w SET last_seen_at = \(now) FROM live
                WHERE w.token_sha256 = live.token_sha256 AND live.last_seen_at < \(now.addingTimeInterval(-60))
            )
            SELECT principal_id, csrf_token FROM live
            """,
            logger: logger
        )
        for try await (principalId, csrfToken) in rows.decode((UUID, String).self) {
            return Session(principalId: principalId, csrfToken: csrfToken)
        }
        return nil
    }

    /// Ends the request's session on the server and returns the `Set-Cookie` value that clears it.
    package func close(_ request: Request) async throws -> String {
        if let raw = request.cookies[cookieName]?.value, let token = SecretToken(received: raw) {
            try await client.query("DELETE FROM web_session WHERE token_sha256 = \(token.digest)", logger: logger)
        }
        return cookie("", maxAge: 0)
    }

    /// Ends every session of a principal (password changed, account disabled).
    package func closeAll(of principalId: UUID, on connection: PostgresConnection) async throws {
        try await connection.query("DELETE FROM web_session WHERE principal_id = \(principalId)", logger: logger)
    }

    // SameSite=Lax, not Strict: the return from an identity provider is a cross-site top-level navigation.
    private func cookie(_ value: String, maxAge: Int) -> String {
        "\(cookieName)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Lax\(secureCookies ? "; Secure" : "")"
    }
}
