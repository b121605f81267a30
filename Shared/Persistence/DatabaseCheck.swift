import Logging
import PostgresNIO

extension PostgresClient {
    /// Readiness probe: one round trip on a pooled connection.
    package func ping(logger: Logger) async throws {
        try await query("SELECT 1", logger: logger)
    }
}
