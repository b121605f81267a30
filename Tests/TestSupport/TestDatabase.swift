import Foundation
import Logging
import Persistence
import PostgresNIO

/// A fresh database for one suite, laid out by infra/postgres/10_database.sql and migrated for every service.
package struct TestDatabase: Sendable {
    package let name: String
    package static let services = ["intake", "documents", "instruction", "liaison", "notification"]

    /// Creates the database and applies the given services' migrations as their migration roles.
    package static func create(migrations: [String: [Migration]]) async throws -> TestDatabase {
        let name = "test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))"
        try await asSuperuser(database: "postgres") { client in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        }
        let layout = try String(
            contentsOf: TestEnvironment.packageRoot.appendingPathComponent("infra/postgres/10_database.sql"),
            encoding: .utf8
        )
        try await asSuperuser(database: name) { client in
            for statement in SQLScript.statements(layout) {
                try await client.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
        }
        let database = TestDatabase(name: name)
        for (service, list) in migrations {
            try await database.migrator(service).withClient(logger: logger) { client in
                try await MigrationRunner(schema: service, migrations: list).apply(using: client, logger: logger)
            }
        }
        return database
    }

    /// Settings of a service's runtime role on this database.
    package func settings(_ service: String) -> DatabaseSettings {
        DatabaseSettings(
            host: "127.0.0.1",
            port: TestEnvironment.postgresPort,
            database: name,
            user: "\(service)_app",
            password: "\(service)_app_dev",
            schema: service,
            maxConnections: 5
        )
    }

    /// Settings of a service's migration role on this database.
    package func migrator(_ service: String) -> DatabaseSettings {
        settings(service).withCredentials(user: "\(service)_migrator", password: "\(service)_migrator_dev")
    }

    /// Runs a read as superuser (assertions across schemas; never what a service can do).
    @discardableResult
    package func inspect<T: Sendable>(_ body: @Sendable (PostgresClient) async throws -> T) async throws -> T {
        try await Self.asSuperuser(database: name, body)
    }

    /// One integer from a query run as superuser.
    package func count(_ sql: String) async throws -> Int {
        try await inspect { client in
            for try await value in try await client.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger).decode(
                Int.self
            ) {
                return value
            }
            return 0
        }
    }

    /// A digest of each table of `schema` but `ignoring` (its rows as text, in order): the same before and after a
    /// request means the request wrote nothing there.
    package func fingerprint(schema: String, ignoring: Set<String> = []) async throws -> [String: String] {
        try await inspect { client in
            var tables: [String] = []
            let listed = try await client.query(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = \(schema) AND table_type = 'BASE TABLE'",
                logger: Self.logger
            )
            for try await table in listed.decode(String.self) where !ignoring.contains(table) { tables.append(table) }
            var digests: [String: String] = [:]
            for table in tables {
                let sql =
                    "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"\(schema)\".\"\(table)\" t"
                for try await digest in try await client.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger)
                    .decode(String.self)
                {
                    digests[table] = digest
                }
            }
            return digests
        }
    }

    /// Drops the database (connections closed first).
    package func drop() async throws {
        try await Self.asSuperuser(database: "postgres") { client in
            try await client.query(
                PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"),
                logger: Self.logger
            )
        }
    }

    /// Logger for test plumbing.
    package static let logger = Logger(label: "test.database")

    @discardableResult
    private static func asSuperuser<T: Sendable>(database: String, _ body: @Sendable (PostgresClient) async throws -> T)
        async throws -> T
    {
        let settings = DatabaseSettings(
            host: "127.0.0.1",
            port: TestEnvironment.postgresPort,
            database: database,
            user: "postgres",
            password: TestEnvironment.superuserPassword,
            schema: "public",
            maxConnections: 2
        )
        return try await settings.withClient(logger: logger, body)
    }
}
