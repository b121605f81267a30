import Logging
import PostgresNIO

extension PostgresConnection {
    /// Runs a DELETE or UPDATE (written without RETURNING); the number of rows it touched.
    package func affectedRows(_ query: PostgresQuery, logger: Logger) async throws -> Int {
        var counted = query
        counted.sql += " RETURNING 1"
        var rows = 0
        for try await _ in try await self.query(counted, logger: logger).decode(Int.self) { rows += 1 }
        return rows
    }

    /// Runs removals in order; how many rows each touched, by name (those that touched none left out), for the
    /// retention log.
    package func removals(_ statements: [(String, PostgresQuery)], logger: Logger) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for (name, statement) in statements {
            let rows = try await affectedRows(statement, logger: logger)
            if rows > 0 { counts[name, default: 0] += rows }
        }
        return counts
    }
}
