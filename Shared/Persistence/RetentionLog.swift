import Foundation
import Logging
import PostgresNIO

/// The record of what the retention purge removed (`retention_log`, in every service's schema): identifiers and
/// counts only, written in the transaction that removes the data.
package enum RetentionLog {
    /// Runs the removals (see `PostgresConnection.removals`) and records them under `subject` and `id`, in the
    /// caller's transaction; what went, by table.
    @discardableResult
    package static func purge(
        _ subject: String,
        _ id: UUID,
        removing statements: [(String, PostgresQuery)],
        at: Date = Date(),
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> [String: Int] {
        let removed = try await connection.removals(statements, logger: logger)
        try await record(subject, id, at: at, detail: removed, on: connection, logger: logger)
        return removed
    }

    /// Records that `subject` (`claim`, `account`, `draft`) `id` was purged at `at`, with counts of what went.
    package static func record(
        _ subject: String,
        _ id: UUID,
        at: Date,
        detail: [String: Int] = [:],
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        let json = String(decoding: try JSONEncoder().encode(detail), as: UTF8.self)
        try await connection.query(
            """
            INSERT INTO retention_log (purged_at, subject, subject_id, detail)
            VALUES (\(at), \(subject), \(id), \(json)::jsonb)
            """,
            logger: logger
        )
    }
}
