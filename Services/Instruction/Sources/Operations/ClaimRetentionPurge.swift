import Contracts
import Foundation
import Logging
import Messaging
import Persistence
import PostgresNIO
import ServiceKit
import ServiceLifecycle

/// Ends the retention of claims closed longer ago than the policy allows (domain.md §8.2: a year after closure):
/// removes what instruction holds about each one but its anonymous figures, records it in `retention_log`, and
/// publishes `ClaimRetentionExpired` in the same transaction so that every other service removes its part. Safe with
/// several replicas (each claim is taken with SKIP LOCKED); in dry-run mode it only lists what would go.
struct ClaimRetentionPurge: Service {
    let outbox: TransactionalOutbox
    let policy: RetentionPolicy
    let logger: Logger
    var clock: @Sendable () -> Date = { Date() }

    /// A claim whose retention has ended.
    struct Expired: Sendable, Equatable {
        var id: UUID
        var reference: String
        var closedAt: Date
    }

    static let finalStates = [ClaimState.paid, .rejected, .closed].map(\.rawValue)

    func run() async throws {
        await repeatUntilShutdown(every: policy.interval, logger: logger, failure: "claim retention purge failed") {
            let now = clock()
            if policy.dryRun {
                let due = try await expired(asOf: now)
                if !due.isEmpty { logger.notice("dry run: claims past retention", metadata: ["count": "\(due.count)"]) }
            } else {
                let purged = try await purge(asOf: now)
                if !purged.isEmpty { logger.notice("claims purged", metadata: ["count": "\(purged.count)"]) }
            }
        }
    }

    /// The claims whose retention has ended at `now`, oldest closure first; nothing is changed.
    func expired(asOf now: Date) async throws -> [Expired] {
        let rows = try await outbox.client.query(
            """
            SELECT id, reference, state_entered_at FROM claim
            WHERE status = ANY(\(Self.finalStates)) AND purged_at IS NULL
              AND state_entered_at < \(policy.claimCutoff(at: now))
            ORDER BY state_entered_at
            """,
            logger: logger
        )
        var expired: [Expired] = []
        for try await (id, reference, closedAt) in rows.decode((UUID, String, Date).self) {
            expired.append(Expired(id: id, reference: reference, closedAt: closedAt))
        }
        return expired
    }

    /// Purges every claim whose retention has ended at `now`; the claims purged.
    func purge(asOf now: Date) async throws -> [Expired] {
        var purged: [Expired] = []
        while let claim = try await purgeOne(asOf: now) { purged.append(claim) }
        return purged
    }

    private func purgeOne(asOf now: Date) async throws -> Expired? {
        try await outbox.transaction(context: MessageContext(), logger: logger) { connection, events in
            let rows = try await connection.query(
                """
                SELECT id, reference, state_entered_at, (snapshot->>'declarationId')::uuid FROM claim
                WHERE status = ANY(\(Self.finalStates)) AND purged_at IS NULL
                  AND state_entered_at < \(policy.claimCutoff(at: now))
                ORDER BY state_entered_at LIMIT 1 FOR UPDATE SKIP LOCKED
                """,
                logger: logger
            )
            for try await (id, reference, closedAt, declaration) in rows.decode((UUID, String, Date, UUID?).self) {
                let claim = Expired(id: id, reference: reference, closedAt: closedAt)
                try await Self.expire(
                    claim,
                    declaration: declaration,
                    at: now,
                    on: connection,
                    events: events,
                    logger: logger
                )
                return claim
            }
            return nil
        }
    }

    /// Anonymises a closed claim, records it and tells the other services to delete their part.
    static func expire(
        _ claim: Expired,
        declaration: UUID?,
        at now: Date,
        on connection: PostgresConnection,
        events: OutboxWriter,
        logger: Logger
    ) async throws {
        let removed = try await ClaimErasure(connection: connection, logger: logger)
            .anonymise(claim.id, declaration: declaration, at: now)
        try await RetentionLog.record(
            "claim",
            claim.id,
            at: now,
            detail: removed.counts,
            on: connection,
            logger: logger
        )
        try await events.append(
            ClaimRetentionExpired(
                claimId: claim.id,
                reference: claim.reference,
                closedAt: claim.closedAt,
                declarationId: declaration,
                documentFolders: [claim.id] + (declaration.map { [$0] } ?? []) + removed.questionFolders,
                expiredAt: now
            ),
            at: now
        )
    }
}
