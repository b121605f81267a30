import Contracts
import Foundation
import Logging
import Messaging
import Persistence
import PostgresNIO
import ServiceKit
import ServiceLifecycle

/// Ends the retention of the declarations no claim took up (domain.md §8.2, like a claim: RETENTION_CLAIM_DAYS
/// after the occupant's code expired, or after a draft was last touched): each is deleted with its files' records,
/// recorded, and announced (`DeclarationExpired`) so that the other services delete their copies and documents its
/// folder. A declaration a claim took up goes with the claim (`ClaimRetentionExpired`).
struct DeclarationRetentionPurge: Service {
    let outbox: TransactionalOutbox
    let policy: RetentionPolicy
    let logger: Logger
    var clock: @Sendable () -> Date = { Date() }

    func run() async throws {
        await repeatUntilShutdown(every: policy.interval, logger: logger, failure: "declaration retention failed") {
            let now = clock()
            let due = try await policy.dryRun ? expired(asOf: now) : purge(asOf: now)
            if !due.isEmpty {
                logger.notice(
                    policy.dryRun ? "dry run: declarations past retention" : "declarations purged",
                    metadata: ["count": "\(due.count)"]
                )
            }
        }
    }

    /// The declarations whose retention has ended at `now`; nothing is changed.
    func expired(asOf now: Date) async throws -> [UUID] {
        var ids: [UUID] = []
        for try await id in try await outbox.client.query(query(asOf: now, lock: false), logger: logger)
            .decode(UUID.self)
        {
            ids.append(id)
        }
        return ids
    }

    /// Deletes every declaration whose retention has ended at `now`; their ids.
    func purge(asOf now: Date) async throws -> [UUID] {
        var purged: [UUID] = []
        while let id = try await purgeOne(asOf: now) { purged.append(id) }
        return purged
    }

    private func purgeOne(asOf now: Date) async throws -> UUID? {
        try await outbox.transaction(context: MessageContext(), logger: logger) { connection, events in
            var found: UUID?
            for try await id in try await connection.query(query(asOf: now, lock: true), logger: logger)
                .decode(UUID.self)
            {
                found = id
            }
            guard let id = found else { return nil }
            let removed = try await connection.removals(
                [
                    ("declaration_attachment", "DELETE FROM declaration_attachment WHERE declaration_id = \(id)"),
                    ("declaration", "DELETE FROM declaration WHERE id = \(id)"),
                ],
                logger: logger
            )
            try await RetentionLog.record("declaration", id, at: now, detail: removed, on: connection, logger: logger)
            try await events.append(DeclarationExpired(declarationId: id, expiredAt: now), at: now)
            return id
        }
    }

    private func query(asOf now: Date, lock: Bool) -> PostgresQuery {
        var query: PostgresQuery = """
            SELECT id FROM declaration
            WHERE claim_id IS NULL AND state <> 'linked'
              AND coalesce(code_expires_at, updated_at) < \(policy.claimCutoff(at: now))
            ORDER BY coalesce(code_expires_at, updated_at)
            """
        query.sql += lock ? " LIMIT 1 FOR UPDATE SKIP LOCKED" : ""
        return query
    }
}
