import Foundation
import Logging
import PostgresNIO

/// Applies a service's migrations into its schema, once, under an advisory lock, with a checksummed ledger.
package struct MigrationRunner: Sendable {
    package let schema: String
    package let migrations: [Migration]

    package init(schema: String, migrations: [Migration]) {
        self.schema = schema
        self.migrations = migrations
    }

    /// Applies what is pending; returns the migrations applied by this call.
    @discardableResult
    package func apply(using client: PostgresClient, logger: Logger) async throws -> [Migration] {
        try await client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(hashtext(\("migrations." + schema)))", logger: logger)
            do {
                let applied = try await applyLocked(on: connection, logger: logger)
                try await connection.query("SELECT pg_advisory_unlock(hashtext(\("migrations." + schema)))", logger: logger)
                return applied
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock_all()", logger: logger)
                throw error
            }
        }
    }

    /// The migrations not yet applied; throws if an applied one was edited.
    package func pending(using client: PostgresClient, logger: Logger) async throws -> [Migration] {
        try await client.withConnection { connection in
            try await pending(on: connection, logger: logger)
        }
    }

    private func applyLocked(on connection: PostgresConnection, logger: Logger) async throws -> [Migration] {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                migration_group text NOT NULL, version integer NOT NULL, name text NOT NULL,
                checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (migration_group, version))
            """,
            logger: logger
        )
        let todo = try await pending(on: connection, logger: logger)
        for migration in todo {
            try await connection.withTransaction(logger: logger) { connection in
                for statement in SQLScript.statements(migration.sql) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    """
                    INSERT INTO schema_migrations (migration_group, version, name, checksum)
                    VALUES (\(migration.group), \(migration.version), \(migration.name), \(migration.checksum))
                    """,
                    logger: logger
                )
            }
            logger.info(
                "migration applied",
                metadata: ["migration": "\(migration.group)/\(migration.version)_\(migration.name)", "schema": "\(schema)"]
            )
        }
        return todo
    }

    private func pending(on connection: PostgresConnection, logger: Logger) async throws -> [Migration] {
        let exists = try await connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger)
        var ledgerExists = false
        for try await flag in exists.decode(Bool.self) { ledgerExists = flag }
        guard ledgerExists else { return migrations }
        var applied: [String: String] = [:]
        let rows = try await connection.query(
            "SELECT migration_group, version, checksum FROM schema_migrations",
            logger: logger
        )
        for try await (group, version, checksum) in rows.decode((String, Int, String).self) {
            applied["\(group)/\(version)"] = checksum
        }
        return try migrations.filter { migration in
            guard let checksum = applied["\(migration.group)/\(migration.version)"] else { return true }
            guard checksum == migration.checksum else {
                throw MigrationError.checksumMismatch(group: migration.group, version: migration.version, name: migration.name)
            }
            return false
        }
    }
}
