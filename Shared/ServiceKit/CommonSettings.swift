import AMQP
import Foundation
import Logging
import Messaging
import Persistence

/// Settings every service has: HTTP listener, database roles, broker, logging (keys in compose/.env.example).
package struct CommonSettings: Sendable {
    package var service: String
    package var httpHost: String
    package var httpPort: Int
    /// Runtime role: DML on the service's own schema only.
    package var database: DatabaseSettings
    /// Migration role: owns the schema, used by `migrate` only.
    package var migrationDatabase: DatabaseSettings
    package var amqp: AMQPSettings
    package var topology: Topology
    package var migrateOnStart: Bool
    package var logLevel: Logger.Level
    /// Public origin of the gateway, for links in pages and messages.
    package var publicBaseURL: String
    /// Whether the public origin is HTTPS: browsers are then told to use nothing else (HSTS).
    package var servesHTTPS: Bool { publicBaseURL.lowercased().hasPrefix("https://") }
    /// Peers whose `X-Forwarded-For` is believed (the gateway); anyone else's header is ignored.
    package var trustedProxies: Set<String>
    /// How long personal data is kept, for the services that purge it.
    package var retention: RetentionPolicy

    /// Reads the common keys; `<SERVICE>_X` overrides `X` where a key differs per service.
    package init(service: String, defaultPort: Int, reader: SettingsReader) {
        self.service = service
        httpHost = reader.string("\(service).http.host", "http.host", default: "127.0.0.1")
        httpPort = reader.int("\(service).http.port", default: defaultPort, in: 0...65535)
        let host = reader.string("postgres.host", default: "127.0.0.1")
        let port = reader.int("postgres.port", default: 5432, in: 1...65535)
        let name = reader.string("postgres.database", default: "mij")
        let sslMode = reader.string("postgres.sslmode", default: "disable")
        let rootCertificate = reader.string("postgres.sslrootcert", default: "")
        let tls = DatabaseTLS(mode: sslMode, rootCertificate: rootCertificate.isEmpty ? nil : rootCertificate)
        if tls == nil {
            reader.report("POSTGRES_SSLMODE must be disable, require, verify-ca or verify-full, got \"\(sslMode)\"")
        }
        database = DatabaseSettings(
            host: host,
            port: port,
            database: name,
            user: reader.string("\(service).postgres.user", default: "\(service)_app"),
            password: reader.string("\(service).postgres.password", default: "\(service)_app_dev", secret: true),
            schema: service,
            maxConnections: reader.int("\(service).postgres.pool", "postgres.pool", default: 10, in: 3...200),
            tls: tls ?? .disable
        )
        migrationDatabase = database.withCredentials(
            user: reader.string("\(service).postgres.migrator.user", default: "\(service)_migrator"),
            password: reader.string(
                "\(service).postgres.migrator.password",
                default: "\(service)_migrator_dev",
                secret: true
            )
        )
        let url = reader.string(
            "\(service).amqp.url",
            "amqp.url",
            default: "amqp://guest:guest@127.0.0.1:5672/",
            secret: true
        )
        let heartbeat = reader.int("amqp.heartbeat", default: 10, in: 0...600)
        // Each delivery in hand holds a connection for its transaction, and some handlers need a second one for a
        // moment (notification's delivery log is written outside the transaction): two connections always stay
        // free, or a backlog (after a database restart) takes them all and every handler waits for ever.
        let handlers = database.maxConnections - 2
        let prefetch = reader.int("amqp.prefetch", default: min(20, handlers), in: 1...1000)
        if prefetch > handlers {
            reader.report(
                "AMQP_PREFETCH: \(prefetch) deliveries handled at once need more connections than POSTGRES_POOL="
                    + "\(database.maxConnections) leaves free; at most \(handlers) (POSTGRES_POOL − 2)"
            )
        }
        do {
            amqp = try AMQPSettings(
                url: url,
                heartbeat: heartbeat,
                prefetch: prefetch,
                caCertificate: reader.string("amqp.cacert", default: AMQPSettings.systemCertificates)
            )
        } catch {
            reader.report("AMQP_URL: \(error)")
            amqp = try! AMQPSettings(url: "amqp://127.0.0.1")  // placeholder; validate() fails anyway
        }
        topology = Topology(
            namespace: reader.string("amqp.namespace", default: ""),
            deliveryLimit: reader.int("amqp.delivery.limit", default: 5, in: 1...100),
            handlerDeadline: .seconds(reader.int("amqp.handler.timeout", default: 60, in: 1...3600))
        )
        migrateOnStart = reader.bool("migrate.on.start", default: false)
        let level = reader.string("log.level", default: "info")
        if let parsed = Logger.Level(rawValue: level) {
            logLevel = parsed
        } else {
            reader.report("LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical")
            logLevel = .info
        }
        publicBaseURL = reader.string("public.base.url", default: "http://127.0.0.1:8080")
        retention = RetentionPolicy.from(reader)
        trustedProxies = Set(
            reader.string("trusted.proxies", default: "127.0.0.1,::1").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
        )
    }
}
