import Foundation
import Logging
import PostgresNIO
import WebUI

/// An OpenID Connect sign-in under way: what the browser's return must match.
package struct SignInAttempt: Sendable, Equatable {
    package var nonce: String
    package var codeVerifier: String
    package var returnPath: String

    package init(nonce: String, codeVerifier: String, returnPath: String) {
        self.nonce = nonce
        self.codeVerifier = codeVerifier
        self.returnPath = returnPath
    }
}

/// Sign-ins under way, kept server-side under the digest of their state (a dump of the table replays none),
/// for ten minutes and redeemed once. Each service keeps them in its own schema's `oidc_sign_in`.
package struct SignInAttempts: Sendable {
    let client: PostgresClient
    let logger: Logger
    var lifetime: TimeInterval = 10 * 60
    var clock: @Sendable () -> Date = { Date() }

    package init(client: PostgresClient, logger: Logger, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.logger = logger
        self.clock = clock
    }

    package func start(state: SecretToken, _ attempt: SignInAttempt) async throws {
        let now = clock()
        try await client.query(
            """
            INSERT INTO oidc_sign_in (state_sha256, nonce, code_verifier, return_path, expires_at)
            VALUES (\(state.digest), \(attempt.nonce), \(attempt.codeVerifier), \(attempt.returnPath),
                    \(now.addingTimeInterval(lifetime)))
            """,
            logger: logger
        )
        try await client.query("DELETE FROM oidc_sign_in WHERE expires_at < \(now)", logger: logger)
    }

    /// The attempt `state` started, removed as it is read; nil when unknown, used already or expired.
    package func redeem(state: SecretToken) async throws -> SignInAttempt? {
        let rows = try await client.query(
            """
            DELETE FROM oidc_sign_in WHERE state_sha256 = \(state.digest)
            RETURNING nonce, code_verifier, return_path, expires_at
            """,
            logger: logger
        )
        for try await (nonce, verifier, returnPath, expiresAt) in rows.decode((String, String, String, Date).self) {
            return expiresAt > clock()
                ? SignInAttempt(nonce: nonce, codeVerifier: verifier, returnPath: returnPath) : nil
        }
        return nil
    }
}
