import Contracts
import Foundation
import Logging
import Messaging
import Persistence
import PostgresNIO

/// A claim's retention ended (instruction decides, a year after closure, or at once on an erasure request): intake
/// deletes the claim with everything attached to it and records it. The account stays until its own retention
/// ends, unless its erasure was asked for and this was its last submitted claim.
struct ClaimRetentionHandler: EventHandler {
    func handle(_ event: ClaimRetentionExpired, context: HandlerContext) async throws {
        try await Self.purge(event.claimId, on: context.connection, events: context.outbox, logger: context.logger)
    }

    /// Deletes the claim, then its owner's account if its erasure was asked for and this was its last submitted claim.
    static func purge(_ claim: UUID, on connection: PostgresConnection, events: OutboxWriter, logger: Logger)
        async throws
    {
        // The owner's account is locked first, as an erasure request does: the two often arrive together (the
        // request purges the closed claims at once), and whichever commits second sees what the first did.
        let owner = try await connection.query(
            """
            SELECT a.id FROM claim c JOIN claimant_account a ON a.id = c.account_id WHERE c.id = \(claim)
            FOR UPDATE OF a
            """,
            logger: logger
        )
        var account: UUID?
        for try await id in owner.decode(UUID.self) { account = id }
        try await RetentionLog.purge(
            "claim",
            claim,
            removing: ClaimantDataRemoval.claim(claim),
            on: connection,
            logger: logger
        )
        if let account { try await eraseIfAsked(account, on: connection, events: events, logger: logger) }
    }

    /// Deletes the account now when its erasure was asked for and it holds no submitted claim any more.
    private static func eraseIfAsked(
        _ account: UUID,
        on connection: PostgresConnection,
        events: OutboxWriter,
        logger: Logger
    ) async throws {
        let rows = try await connection.query(
            """
            SELECT id FROM claimant_account a WHERE a.id = \(account) AND a.erasure_requested_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM claim c WHERE c.account_id = a.id AND c.status <> \(ClaimState.draft))
            """,
            logger: logger
        )
        var erasable: [UUID] = []
        for try await id in rows.decode(UUID.self) { erasable.append(id) }
        for id in erasable {
            _ = try await AccountRetentionPurge.delete(id, at: Date(), on: connection, events: events, logger: logger)
        }
    }
}
