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
    /// A new token every time, so a token planted before login is worthless after it. The sign-in is noted
    /// (`principal_sign_in`): an account's retention runs from its last activity. `idToken` is the identity
    /// provider's ID token when the person signed in through one, kept to end that session too on sign-out.
    package func open(for principalId: UUID, idToken: String? = nil) async throws -> String {
        let token = SecretToken()
        let now = clock()
        try await client.query(
            """
            INSERT INTO web_session (token_sha256, principal_id, csrf_token, created_at, last_seen_at, id_token)
            VALUES (\(token.digest), \(principalId), \(SecretToken().value), \(now), \(now), \(idToken))
            """,
            logger: logger
        )
        try await client.query(
            """
            INSERT INTO principal_sign_in (principal_id, signed_in_at) VALUES (\(principalId), \(now))
            ON CONFLICT (principal_id) DO UPDATE SET signed_in_at = excluded.signed_in_at
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

    /// Where a browser that signed out goes to end its identity provider's session too, given the ID token its
    /// session was opened with; nil (the portal's own page) when there is none.
    package typealias ProviderSignOut = @Sendable (_ idToken: String?, _ logger: Logger) async -> String?

    /// A session just ended.
    package struct Closed: Sendable {
        /// The `Set-Cookie` value that clears the browser's cookie.
        package var setCookie: String
        /// The identity provider's ID token the session was opened with, to end the provider's session too.
        package var idToken: String?
    }

    /// Ends the request's session on the server.
    package func close(_ request: Request) async throws -> Closed {
        var idToken: String?
        if let raw = request.cookies[cookieName]?.value, let token = SecretToken(received: raw) {
            let rows = try await client.query(
                "DELETE FROM web_session WHERE token_sha256 = \(token.digest) RETURNING id_token",
                logger: logger
            )
            for try await hint in rows.decode(String?.self) { idToken = hint }
        }
        return Closed(setCookie: cookie("", maxAge: 0), idToken: idToken)
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
