import Foundation
import Messaging
import PostgresNIO
import WebUI

/// What became of a FranceConnect identity arriving at the portal.
enum FranceConnectAccount: Sendable, Equatable {
    /// The account to sign in: the one already linked, the one with the same address (now linked), or a new one.
    case signIn(UUID)
    /// The address belongs to an account linked to another FranceConnect identity: nothing is changed.
    case linkedElsewhere
}

extension AccountRepository {
    /// Finds or creates the account of a FranceConnect identity, whose address the identity provider vouches for.
    /// Linking an account whose address was never verified also drops its password: whoever created it never
    /// proved the address was theirs, so it must not keep a way into the person's claims.
    func franceConnectAccount(subject: String, email: EmailAddress) async throws -> FranceConnectAccount {
        let now = clock()
        return try await outbox.client.withTransaction(logger: logger) { connection in
            let linked = try await connection.query(
                "SELECT id FROM claimant_account WHERE franceconnect_sub = \(subject)",
                logger: logger
            )
            for try await id in linked.decode(UUID.self) { return .signIn(id) }
            let rows = try await connection.query(
                """
                INSERT INTO claimant_account (id, email, franceconnect_sub, email_verified_at, created_at)
                VALUES (\(UUID()), \(email.value), \(subject), \(now), \(now))
                ON CONFLICT (email) DO UPDATE SET franceconnect_sub = EXCLUDED.franceconnect_sub,
                    password_hash = CASE WHEN claimant_account.email_verified_at IS NULL THEN NULL
                                         ELSE claimant_account.password_hash END,
                    email_verified_at = coalesce(claimant_account.email_verified_at, EXCLUDED.email_verified_at)
                WHERE claimant_account.franceconnect_sub IS NULL
                RETURNING id
                """,
                logger: logger
            )
            for try await id in rows.decode(UUID.self) { return .signIn(id) }
            return .linkedElsewhere
        }
    }
}
