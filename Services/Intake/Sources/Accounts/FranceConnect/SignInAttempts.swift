import Foundation
import Logging
import PostgresNIO
import WebUI

/// A FranceConnect sign-in under way: what the browser's return must match.
struct SignInAttempt: Sendable, Equatable {
    var nonce: String
    var codeVerifier: String
    var returnPath: String
}

/// Sign-ins under way, kept server-side under the digest of their state (a dump of the table replays none),
/// for ten minutes and redeemed once.
struct SignInAttempts: Sendable {
    let client: PostgresClient
    let logger: Logger
    var lifetime: TimeInterval = 10 * 60
    var clock: @Sendable () -> Date = { Date() }

    func start(state: SecretToken, _ attempt: SignInAttempt) async throws {
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
    func redeem(state: SecretToken) async throws -> SignInAttempt? {
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
