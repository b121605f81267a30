import Contracts
import Foundation
import Logging
import Messaging
import Persistence
import PostgresNIO
import ServiceKit
import ServiceLifecycle

/// Ends the retention of claimant accounts left without activity longer than the policy allows (domain.md §8.2: two
/// years after the last sign-in, account change or claim change) and holding no submitted claim any more (those
/// follow their own retention): deletes each with its drafts, announces each draft (`DraftPurged`) so that its
/// files go too, and records it in `retention_log`, in one transaction. Safe with several replicas; in dry-run mode
/// it only lists what would go.
struct AccountRetentionPurge: Service {
    let outbox: TransactionalOutbox
    let policy: RetentionPolicy
    let logger: Logger
    var clock: @Sendable () -> Date = { Date() }

    /// An account whose retention has ended.
    struct Idle: Sendable, Equatable {
        var id: UUID
        var lastActivity: Date
    }

    func run() async throws {
        await repeatUntilShutdown(every: policy.interval, logger: logger, failure: "account retention purge failed") {
            let now = clock()
            if policy.dryRun {
                let due = try await idle(asOf: now)
                if !due.isEmpty {
                    logger.notice("dry run: accounts past retention", metadata: ["count": "\(due.count)"])
                }
            } else {
                let purged = try await purge(asOf: now)
                if !purged.isEmpty { logger.notice("accounts purged", metadata: ["count": "\(purged.count)"]) }
            }
        }
    }

    /// The accounts whose retention has ended at `now`, longest idle first; nothing is changed.
    func idle(asOf now: Date) async throws -> [Idle] {
        let rows = try await outbox.client.query(idleAccounts(asOf: now, limit: 10_000, lock: false), logger: logger)
        var idle: [Idle] = []
        for try await (id, last) in rows.decode((UUID, Date).self) { idle.append(Idle(id: id, lastActivity: last)) }
        return idle
    }

    /// Purges every account whose retention has ended at `now`; the accounts purged.
    func purge(asOf now: Date) async throws -> [Idle] {
        var purged: [Idle] = []
        while let account = try await purgeOne(asOf: now) { purged.append(account) }
        return purged
    }

    private func purgeOne(asOf now: Date) async throws -> Idle? {
        try await outbox.transaction(context: MessageContext(), logger: logger) { connection, events in
            let rows = try await connection.query(idleAccounts(asOf: now, limit: 1, lock: true), logger: logger)
            for try await (id, last) in rows.decode((UUID, Date).self) {
                _ = try await Self.delete(id, at: now, on: connection, events: events, logger: logger)
                return Idle(id: id, lastActivity: last)
            }
            return nil
        }
    }

    /// Deletes an account holding nothing but drafts, with its drafts (each announced, so that its files go too), and
    /// records it; what went, by table.
    static func delete(
        _ account: UUID,
        at now: Date,
        on connection: PostgresConnection,
        events: OutboxWriter,
        logger: Logger
    ) async throws -> [String: Int] {
        var removed: [String: Int] = [:]
        let drafts = try await connection.query(
            "SELECT id FROM claim WHERE account_id = \(account) ORDER BY created_at",
            logger: logger
        )
        var draftIds: [UUID] = []
        for try await draft in drafts.decode(UUID.self) { draftIds.append(draft) }
        for draft in draftIds {
            removed.merge(
                try await connection.removals(ClaimantDataRemoval.claim(draft), logger: logger),
                uniquingKeysWith: +
            )
            try await events.append(DraftPurged(claimId: draft, purgedAt: now), at: now)
        }
        removed.merge(
            try await connection.removals(ClaimantDataRemoval.account(account), logger: logger),
            uniquingKeysWith: +
        )
        try await RetentionLog.record("account", account, at: now, detail: removed, on: connection, logger: logger)
        return removed
    }

    /// Accounts idle since before the cutoff, or whose erasure was asked for, with nothing but drafts: the last
    /// activity is the latest of the account's creation, verification and sign-in, and of its claims' changes.
    private func idleAccounts(asOf now: Date, limit: Int, lock: Bool) -> PostgresQuery {
        var query: PostgresQuery = """
            SELECT a.id, activity.at FROM claimant_account a
            CROSS JOIN LATERAL (
                SELECT greatest(a.created_at, a.email_verified_at,
                                (SELECT s.signed_in_at FROM principal_sign_in s WHERE s.principal_id = a.id),
                                (SELECT max(greatest(c.created_at, c.updated_at, c.submitted_at, c.status_changed_at))
                                 FROM claim c WHERE c.account_id = a.id)) AS at
            ) activity
            WHERE (activity.at < \(policy.accountCutoff(at: now)) OR a.erasure_requested_at IS NOT NULL)
              AND NOT EXISTS (
                SELECT 1 FROM claim c WHERE c.account_id = a.id AND c.status <> \(ClaimState.draft)
              )
            ORDER BY activity.at LIMIT \(limit)
            """
        if lock { query.sql += " FOR UPDATE OF a SKIP LOCKED" }
        return query
    }
}
