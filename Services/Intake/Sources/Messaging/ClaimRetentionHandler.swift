import Contracts
import Foundation
import Messaging
import Persistence
import PostgresNIO

/// A claim's retention ended (instruction decides, a year after closure, or at once on an erasure request): intake
/// deletes the claim with everything attached to it and records it. The account stays until its own retention
/// ends, unless its erasure was asked for and this was its last submitted claim.
struct ClaimRetentionHandler: EventHandler {
    func handle(_ event: ClaimRetentionExpired, context: HandlerContext) async throws {
        let owner = try await context.connection.query(
            "SELECT account_id FROM claim WHERE id = \(event.claimId)",
            logger: context.logger
        )
        var account: UUID?
        for try await id in owner.decode(UUID?.self) { account = id }
        try await RetentionLog.purge(
            "claim",
            event.claimId,
            removing:
                ClaimantDataRemoval.claim(event.claimId),
            on: context.connection,
            logger: context.logger
        )
        if let account { try await eraseIfAsked(account, context: context) }
    }

    /// Deletes the account now when its erasure was asked for and it holds no submitted claim any more.
    private func eraseIfAsked(_ account: UUID, context: HandlerContext) async throws {
        let rows = try await context.connection.query(
            """
            SELECT id FROM claimant_account a WHERE a.id = \(account) AND a.erasure_requested_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM claim c WHERE c.account_id = a.id AND c.status <> \(ClaimState.draft))
            """,
            logger: context.logger
        )
        for try await id in rows.decode(UUID.self) {
            _ = try await AccountRetentionPurge.delete(
                id,
                at: Date(),
                on: context.connection,
                events: context.outbox,
                logger: context.logger
            )
        }
    }
}
