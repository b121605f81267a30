import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO
import WebUI

/// Claimant accounts in the `intake` schema: creation, e-mail verification and password reset by single-use
/// expiring tokens, each e-mail requested through the outbox in the same transaction as the token.
struct AccountRepository: Sendable {
    /// What the sign-in form needs to know about an address.
    struct Credentials: Sendable {
        var accountId: UUID
        var passwordHash: String?
        var isVerified: Bool
    }

    static let verificationLifetime: TimeInterval = 24 * 3600
    static let resetLifetime: TimeInterval = 3600

    let outbox: TransactionalOutbox
    let publicBaseURL: String
    let logger: Logger
    var clock: @Sendable () -> Date = { Date() }

    /// The address an account signs in with, where its claims' e-mails go.
    func email(of accountId: UUID) async throws -> String? {
        let rows = try await outbox.client.query(
            "SELECT email FROM claimant_account WHERE id = \(accountId)",
            logger: logger
        )
        for try await email in rows.decode(String.self) { return email }
        return nil
    }

    /// Creates the account, or for an address whose account is not verified yet sends a fresh link (and keeps
    /// the first password). A verified address is left alone: the page shown is the same either way.
    func register(_ email: EmailAddress, passwordHash: String, context: MessageContext) async throws {
        let now = clock()
        try await outbox.transaction(context: context, logger: logger) { connection, events in
            let rows = try await connection.query(
                """
                INSERT INTO claimant_account (id, email, password_hash, created_at)
                VALUES (\(UUID()), \(email.value), \(passwordHash), \(now))
                ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email
                RETURNING id, email_verified_at IS NOT NULL
                """,
                logger: logger
            )
            for try await (accountId, verified) in rows.decode((UUID, Bool).self) where !verified {
                let token = try await issue(.verifyEmail, for: accountId, at: now, on: connection)
                try await events.append(
                    ClaimantVerificationRequested(
                        accountId: accountId,
                        email: email.value,
                        verificationURL: "\(publicBaseURL)/compte/activation/\(token.value)",
                        expiresAt: now.addingTimeInterval(Self.verificationLifetime)
                    ),
                    at: now
                )
            }
        }
    }

    /// Marks the address verified; false when the token is unknown, used or expired.
    func verify(_ token: SecretToken) async throws -> Bool {
        let now = clock()
        return try await outbox.client.withTransaction(logger: logger) { connection in
            guard let accountId = try await redeem(token, purpose: .verifyEmail, at: now, on: connection) else {
                return false
            }
            try await connection.query(
                "UPDATE claimant_account SET email_verified_at = \(now) WHERE id = \(accountId) AND email_verified_at IS NULL",
                logger: logger
            )
            return true
        }
    }

    /// The account behind an address, if any.
    func credentials(for email: EmailAddress) async throws -> Credentials? {
        let rows = try await outbox.client.query(
            "SELECT id, password_hash, email_verified_at IS NOT NULL FROM claimant_account WHERE email = \(email.value)",
            logger: logger
        )
        for try await (id, hash, verified) in rows.decode((UUID, String?, Bool).self) {
            return Credentials(accountId: id, passwordHash: hash, isVerified: verified)
        }
        return nil
    }

    /// Sends a reset link when the address belongs to a verified account; does nothing otherwise.
    func requestPasswordReset(_ email: EmailAddress, context: MessageContext) async throws {
        let now = clock()
        try await outbox.transaction(context: context, logger: logger) { connection, events in
            let rows = try await connection.query(
                "SELECT id FROM claimant_account WHERE email = \(email.value) AND email_verified_at IS NOT NULL",
                logger: logger
            )
            for try await accountId in rows.decode(UUID.self) {
                let token = try await issue(.resetPassword, for: accountId, at: now, on: connection)
                try await events.append(
                    PasswordResetRequested(
                        accountId: accountId,
                        email: email.value,
                        resetURL: "\(publicBaseURL)/connexion/nouveau-mot-de-passe/\(token.value)",
                        expiresAt: now.addingTimeInterval(Self.resetLifetime)
                    ),
                    at: now
                )
            }
        }
    }

    /// Whether a reset link can still be used (to show the form or explain that it expired).
    func isUsable(_ token: SecretToken, purpose: TokenPurpose) async throws -> Bool {
        let rows = try await outbox.client.query(
            """
            SELECT 1 FROM account_token WHERE token_sha256 = \(token.digest) AND purpose = \(purpose.rawValue)
              AND used_at IS NULL AND expires_at > \(clock())
            """,
            logger: logger
        )
        for try await _ in rows.decode(Int.self) { return true }
        return false
    }

    /// Sets the new password and closes every open session of the account; false when the token is not usable.
    func resetPassword(_ token: SecretToken, newHash: String, sessions: WebSessions) async throws -> Bool {
        let now = clock()
        return try await outbox.client.withTransaction(logger: logger) { connection in
            guard let accountId = try await redeem(token, purpose: .resetPassword, at: now, on: connection) else {
                return false
            }
            try await connection.query(
                "UPDATE claimant_account SET password_hash = \(newHash) WHERE id = \(accountId)",
                logger: logger
            )
            try await sessions.closeAll(of: accountId, on: connection)
            return true
        }
    }

    // MARK: - Tokens

    /// Why a token was sent.
    enum TokenPurpose: String, Sendable {
        case verifyEmail = "verify-email"
        case resetPassword = "reset-password"

        var lifetime: TimeInterval {
            self == .verifyEmail ? AccountRepository.verificationLifetime : AccountRepository.resetLifetime
        }
    }

    /// A new token; the earlier unused ones of the same purpose stop working, so only the latest e-mail counts.
    private func issue(_ purpose: TokenPurpose, for accountId: UUID, at now: Date, on connection: PostgresConnection)
        async throws
        -> SecretToken
    {
        try await connection.query(
            """
            UPDATE account_token SET used_at = \(now)
            WHERE account_id = \(accountId) AND purpose = \(purpose.rawValue) AND used_at IS NULL
            """,
            logger: logger
        )
        let token = SecretToken()
        try await connection.query(
            """
            INSERT INTO account_token (token_sha256, account_id, purpose, expires_at)
            VALUES (\(token.digest), \(accountId), \(purpose.rawValue), \(now.addingTimeInterval(purpose.lifetime)))
            """,
            logger: logger
        )
        return token
    }

    /// Uses a token up; the account it opens, or nil when it is unknown, used, expired or of another purpose.
    private func redeem(_ token: SecretToken, purpose: TokenPurpose, at now: Date, on connection: PostgresConnection)
        async throws
        -> UUID?
    {
        let rows = try await connection.query(
            """
            UPDATE account_token SET used_at = \(now)
            WHERE token_sha256 = \(token.digest) AND purpose = \(purpose.rawValue) AND used_at IS NULL AND expires_at > \(now)
            RETURNING account_id
            """,
            logger: logger
        )
        for try await accountId in rows.decode(UUID.self) { return accountId }
        return nil
    }
}
