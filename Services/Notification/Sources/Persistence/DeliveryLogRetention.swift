import Foundation
import Logging
import Persistence
import PostgresNIO
import ServiceKit
import ServiceLifecycle

/// Keeps the delivery log no longer than an account (RETENTION_ACCOUNT_DAYS): older rows — recipients are hashed,
/// but a hash of an address still points at a person — are deleted, and the purge recorded. A claim's rows go
/// earlier, with the claim (`ClaimRetentionExpired`).
struct DeliveryLogRetention: Service {
    let client: PostgresClient
    let policy: RetentionPolicy
    let logger: Logger
    var clock: @Sendable () -> Date = { Date() }

    func run() async throws {
        await repeatUntilShutdown(every: policy.interval, logger: logger, failure: "delivery log not trimmed") {
            guard !policy.dryRun else { return }
            try await trim()
        }
    }

    /// Deletes the deliveries older than the retention; how many.
    @discardableResult
    func trim() async throws -> Int {
        let now = clock()
        return try await client.withTransaction(logger: logger) { connection in
            let removed = try await connection.affectedRows(
                "DELETE FROM delivery WHERE created_at < \(policy.accountCutoff(at: now))",
                logger: logger
            )
            if removed > 0 {
                try await RetentionLog.record(
                    "delivery-log",
                    UUID(),
                    at: now,
                    detail: ["delivery": removed],
                    on: connection,
                    logger: logger
                )
            }
            return removed
        }
    }
}
