import Foundation
import Logging
import Persistence
import PostgresNIO
import ServiceKit
import ServiceLifecycle

/// Ends the retention of staff accounts — the Ministry's agents, the investigators — left unused longer than the
/// policy allows (domain.md §8.2: two years after the last sign-in, or after creation for an account never used):
/// the account is anonymised rather than deleted, so that the audit and the declarations keep pointing at a row;
/// its name, address and ProConnect link go, it can no longer sign in, its sessions end, and the purge is recorded.
package struct StaffAccountRetention: Service {
    /// `agent` or `investigator`: a table with `id`, `email`, `display_name`, `password_hash`, `active`,
    /// `proconnect_sub` and `created_at`.
    package let table: String
    package let client: PostgresClient
    package let policy: RetentionPolicy
    package let logger: Logger
    package var clock: @Sendable () -> Date = { Date() }

    package init(table: String, client: PostgresClient, policy: RetentionPolicy, logger: Logger) {
        self.table = table
        self.client = client
        self.policy = policy
        self.logger = logger
    }

    /// The address an anonymised account is left with (unique, and no one's).
    static let erasedDomain = "compte-supprime.invalid"

    package func run() async throws {
        await repeatUntilShutdown(every: policy.interval, logger: logger, failure: "staff account retention failed") {
            let now = clock()
            let due = try await policy.dryRun ? idle(asOf: now) : purge(asOf: now)
            if !due.isEmpty {
                logger.notice(
                    policy.dryRun ? "dry run: staff accounts past retention" : "staff accounts anonymised",
                    metadata: ["count": "\(due.count)", "table": "\(table)"]
                )
            }
        }
    }

    /// What a service's `purge` command does for these accounts: anonymises them (or with `--dry-run` lists them)
    /// and prints each one, then how many.
    package func runCommand(_ options: PurgeCommandOptions) async throws {
        let ids = try await options.dryRun ? idle(asOf: options.asOf) : purge(asOf: options.asOf)
        for id in ids { print("\(table)  \(id)  \(options.dryRun ? "would be anonymised" : "anonymised")") }
        print(
            "\(ids.count) \(table) account(s) \(options.dryRun ? "past retention (dry run: nothing changed)" : "anonymised")"
        )
    }

    /// The accounts whose retention has ended at `now`; nothing is changed.
    package func idle(asOf now: Date) async throws -> [UUID] {
        try await ids(try await client.query(idleAccounts(asOf: now, lock: false), logger: logger))
    }

    /// Anonymises every account whose retention has ended at `now`; their ids.
    package func purge(asOf now: Date) async throws -> [UUID] {
        try await client.withTransaction(logger: logger) { connection in
            let due = try await ids(try await connection.query(idleAccounts(asOf: now, lock: true), logger: logger))
            for id in due {
                let removed = try await connection.removals(
                    [
                        ("web_session", "DELETE FROM web_session WHERE principal_id = \(id)"),
                        ("principal_sign_in", "DELETE FROM principal_sign_in WHERE principal_id = \(id)"),
                        (
                            table,
                            PostgresQuery(
                                unsafeSQL: """
                                    UPDATE \(table) SET email = 'supprime-' || id || '@\(Self.erasedDomain)',
                                        display_name = 'Compte supprimé', password_hash = '', proconnect_sub = NULL,
                                        active = false
                                    WHERE id = $1
                                    """,
                                binds: try Self.binding(id)
                            )
                        ),
                    ],
                    logger: logger
                )
                try await RetentionLog.record(table, id, at: now, detail: removed, on: connection, logger: logger)
            }
            return due
        }
    }

    private func idleAccounts(asOf now: Date, lock: Bool) throws -> PostgresQuery {
        PostgresQuery(
            unsafeSQL: """
                SELECT t.id FROM \(table) t LEFT JOIN principal_sign_in s ON s.principal_id = t.id
                WHERE greatest(t.created_at, s.signed_in_at) < $1
                  AND t.email NOT LIKE '%@\(Self.erasedDomain)'
                ORDER BY t.created_at\(lock ? " FOR UPDATE OF t SKIP LOCKED" : "")
                """,
            binds: try Self.binding(policy.accountCutoff(at: now))
        )
    }

    private func ids(_ rows: PostgresRowSequence) async throws -> [UUID] {
        var ids: [UUID] = []
        for try await id in rows.decode(UUID.self) { ids.append(id) }
        return ids
    }

    private static func binding(_ value: some PostgresEncodable & Sendable) throws -> PostgresBindings {
        var bindings = PostgresBindings()
        try bindings.append(value)
        return bindings
    }
}
