import Foundation
import Messaging
import NIOSSL
import Persistence
import PostgresNIO
import TestSupport
import Testing

@testable import AMQP

/// reliability.md §4.C 41, the internal links: services reach PostgreSQL with `sslmode=verify-full` and RabbitMQ
/// over AMQPS, checking the servers' certificates against a CA as production does — here the CA servers.sh made for
/// the test servers; a certificate from another CA is refused.
@Suite(.enabled(if: TestEnvironment.serversAvailable && TestEnvironment.serversCA != nil))
struct TLSLinksTests {
    private static var ca: String { TestEnvironment.serversCA ?? "" }
    private static var brokerURL: String { "amqps://guest:guest@localhost:\(TestEnvironment.amqpsPort)/" }

    private static func superuser(host: String, tls: DatabaseTLS) -> DatabaseSettings {
        DatabaseSettings(
            host: host,
            port: TestEnvironment.postgresPort,
            database: "postgres",
            user: "postgres",
            password: TestEnvironment.superuserPassword,
            schema: "public",
            maxConnections: 3,
            tls: tls
        )
    }

    /// Whether the session is encrypted, and with which protocol.
    private static func session(_ settings: DatabaseSettings) async throws -> (encrypted: Bool, version: String) {
        try await withDeadline(.seconds(15)) {
            try await settings.withClient(logger: TestDatabase.logger) { client in
                let rows = try await client.query(
                    "SELECT ssl, coalesce(version, '') FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                    logger: TestDatabase.logger
                )
                for try await row in rows.decode((Bool, String).self) { return row }
                return (false, "")
            }
        }
    }

    /// A CA of its own, which signed nothing the servers present.
    private static func anotherCA() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try SelfSignedCertificate.make(in: folder, commonName: "Another CA").certificate
    }

    @Test func postgresIsReachedWithVerifyFullByNameAndByAddress() async throws {
        for host in ["localhost", "127.0.0.1"] {
            let session = try await Self.session(Self.superuser(host: host, tls: .verifyFull(rootCertificate: Self.ca)))
            #expect(session.encrypted && ["TLSv1.2", "TLSv1.3"].contains(session.version), "\(host): \(session)")
        }
        #expect(try await Self.session(Self.superuser(host: "127.0.0.1", tls: .disable)).encrypted == false)
    }

    @Test func theBrokerIsReachedOverAMQPSByName() throws {
        let connection = try RawConnection(settings: try AMQPSettings(url: Self.brokerURL, caCertificate: Self.ca))
        try connection.confirmSelect()
        connection.close()
    }

    @Test func serversWhoseCertificateAnotherCASignedAreRefused() async throws {
        let other = try Self.anotherCA()
        // One connection rather than the pool, which would go on trying: the handshake itself must fail.
        let settings = Self.superuser(host: "localhost", tls: .verifyFull(rootCertificate: other))
        let tls: TLSConfiguration = try #require(settings.tls.clientConfiguration)
        do {
            let connection = try await PostgresConnection.connect(
                configuration: .init(
                    host: settings.host,
                    port: settings.port,
                    username: settings.user,
                    password: settings.password,
                    database: settings.database,
                    tls: .require(try NIOSSLContext(configuration: tls))
                ),
                id: 1,
                logger: TestDatabase.logger
            )
            try await connection.close()
            Issue.record("PostgreSQL was reached with a CA that did not sign its certificate")
        } catch {
            #expect(String(reflecting: error).contains("CERTIFICATE_VERIFY_FAILED"), "\(String(reflecting: error))")
        }
        #expect(throws: AMQPError.self) {
            _ = try RawConnection(settings: try AMQPSettings(url: Self.brokerURL, caCertificate: other))
        }
    }

    @Test func servicesHandAClaimOnWithEveryLinkEncrypted() async throws {
        let test = try await FiveProcessesTests.migratedDatabase()
        let logs = try FiveProcessesTests.logDirectory()
        let environment = test.environment([
            "POSTGRES_HOST": "localhost", "POSTGRES_SSLMODE": "verify-full", "POSTGRES_SSLROOTCERT": Self.ca,
            "AMQP_URL": Self.brokerURL, "AMQP_CACERT": Self.ca,
        ])
        let processes = try ["intake", "instruction"].map {
            try ServiceProcess($0, environment: environment, logDirectory: logs)
        }
        for process in processes {
            #expect(await process.waitUntilReady(), "\(process.name) not ready:\n\(process.output)")
        }
        let reference = try await SystemHTTP.submitJSON(intake: processes[0].baseURL, email: "tls@example.org")
        let arrived = await eventually {
            try await test.database.count("SELECT count(*) FROM instruction.claim WHERE reference = '\(reference)'")
                == 1
        }
        #expect(arrived, "the claim did not reach instruction through the broker over AMQPS")
        let sessions = """
            SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid)
            WHERE usename IN ('intake_app', 'instruction_app') AND datname = '\(test.database.name)' AND
            """
        #expect(try await test.database.count(sessions + " ssl") > 0)
        #expect(try await test.database.count(sessions + " NOT ssl") == 0, "a service session is not encrypted")
        for process in processes { await process.stop() }
    }
}
