import AMQP
import Foundation
import Messaging
import Persistence

/// Where the test servers are, from the environment `make test` sets (infra/local/servers.sh).
package enum TestEnvironment {
    private static let env = ProcessInfo.processInfo.environment

    /// CI (and `make test`) require the servers: a missing one is a failure, never a silent skip.
    package static var integrationRequired: Bool { env["REQUIRE_INTEGRATION"] == "1" || env["CI"] == "true" }

    /// True when PostgreSQL and RabbitMQ answer; integration suites are enabled on it.
    package static let serversAvailable: Bool = {
        let available = canConnect(port: postgresPort) && canConnect(port: amqpPort) && canConnect(port: clamdPort)
        if !available && integrationRequired {
            fatalError(
                "REQUIRE_INTEGRATION is set but PostgreSQL (\(postgresPort)), RabbitMQ (\(amqpPort)) or clamd (\(clamdPort)) is not reachable"
            )
        }
        return available
    }()

    package static var postgresPort: Int { Int(env["POSTGRES_PORT"] ?? "") ?? 5432 }
    package static var superuserPassword: String { env["POSTGRES_SUPERUSER_PASSWORD"] ?? "postgres-dev-password" }
    package static var amqpURL: String { env["AMQP_URL"] ?? "amqp://guest:guest@127.0.0.1:5672/" }
    private static var amqpPort: Int { (try? AMQPSettings(url: amqpURL).port) ?? 5672 }
    package static var smtpPort: Int { Int(env["SMTP_PORT"] ?? "") ?? 1025 }
    package static var clamdPort: Int { Int(env["CLAMD_PORT"] ?? "") ?? 3310 }
    /// The Maildir the test SMTP sink (aiosmtpd) writes to.
    package static var maildir: URL? { env["TEST_MAILDIR"].map { URL(fileURLWithPath: $0) } }
    /// The directory holding the service executables (`swift build --show-bin-path`).
    package static var binDirectory: URL {
        if let path = env["MIJ_BIN_DIR"] { return URL(fileURLWithPath: path) }
        return packageRoot.appendingPathComponent(".build/debug")
    }
    package static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }
    /// `servers.sh` directory of the running test servers, for broker restarts.
    package static var serversDirectory: String? { env["TEST_SERVERS_DIR"] }
    /// The CA that signed the test servers' certificate (servers.sh makes one per directory).
    package static var serversCA: String? {
        serversDirectory.map { "\($0)/tls/ca.crt" }.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
    }
    /// The broker's TLS port (servers.sh: the AMQP port + 30 000 unless AMQPS_PORT says otherwise).
    package static var amqpsPort: Int { Int(env["AMQPS_PORT"] ?? "") ?? amqpPort + 30_000 }

    private static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        } == 0
    }
}
