import Logging
import PostgresNIO

/// Where and as whom a service connects to PostgreSQL; the schema is the service's own.
package struct DatabaseSettings: Sendable, Equatable {
    package var host: String
    package var port: Int
    package var database: String
    package var user: String
    package var password: String
    /// Schema owned by the service; becomes the connection's `search_path`.
    package var schema: String
    package var maxConnections: Int
    package var tls: DatabaseTLS

    package init(
        host: String = "127.0.0.1",
        port: Int = 5432,
        database: String = "mij",
        user: String,
        password: String,
        schema: String,
        maxConnections: Int = 10,
        tls: DatabaseTLS = .disable
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.password = password
        self.schema = schema
        self.maxConnections = maxConnections
        self.tls = tls
    }

    /// The same server and database under another role (e.g. the migration role).
    package func withCredentials(user: String, password: String) -> DatabaseSettings {
        var copy = self
        copy.user = user
        copy.password = password
        return copy
    }

    /// A pooled client; unqualified table names resolve in the service's schema only.
    package func makeClient(logger: Logger) -> PostgresClient {
        var configuration = PostgresClient.Configuration(
            host: host,
            port: port,
            username: user,
            password: password,
            database: database,
            tls: tls.configuration
        )
        configuration.options.maximumConnections = maxConnections
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.additionalStartupParameters = [("search_path", "\(schema), pg_catalog")]
        configuration.options.keepAliveBehavior = .init(frequency: .seconds(30))
        return PostgresClient(configuration: configuration, backgroundLogger: logger)
    }
}

extension DatabaseSettings {
    /// Runs `body` with a client that lives only for its duration.
    @discardableResult
    package func withClient<T: Sendable>(logger: Logger, _ body: @Sendable (PostgresClient) async throws -> T)
        async throws -> T
    {
        let client = makeClient(logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            await Task.yield()  // let run() start before the first lease, which it would otherwise warn about
            return try await body(client)
        }
    }
}
