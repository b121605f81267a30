import AMQP
import Configuration
import Foundation
import Logging
import Messaging
import Prometheus
import ServiceKit
import ServiceLifecycle

/// Settings and runtime for services run inside a test process, isolated by database and broker namespace.
package struct TestServices: Sendable {
    package let database: TestDatabase
    /// Prefix of this test's exchanges and queues.
    package let namespace: String

    package init(database: TestDatabase, namespace: String = "t\(UUID().uuidString.prefix(8).lowercased())") {
        self.database = database
        self.namespace = namespace
    }

    /// The environment a service process of this test gets (also used to build in-process settings).
    package func environment(_ extra: [String: String] = [:]) -> [String: String] {
        [
            "POSTGRES_HOST": "127.0.0.1",
            "POSTGRES_PORT": String(TestEnvironment.postgresPort),
            "POSTGRES_DATABASE": database.name,
            "AMQP_URL": TestEnvironment.amqpURL,
            "AMQP_NAMESPACE": namespace,
            "SMTP_PORT": String(TestEnvironment.smtpPort),
            "LOG_LEVEL": "warning",
            "INTAKE_BANK_DETAILS_KEY": ClaimFixtures.bankDetailsKey,
            "DOCUMENTS_GRANT_KEY": ClaimFixtures.documentGrantKey,
            "PAYMENT_DETAILS_KEY": ClaimFixtures.paymentDetailsKey,
            "INTAKE_API_TOKEN": ClaimFixtures.apiToken,
            "CLAMD_PORT": String(TestEnvironment.clamdPort),
            "DOCUMENTS_PDF_PYTHON": TestEnvironment.packageRoot.appendingPathComponent(".venv/bin/python").path,
            "DOCUMENTS_PDF_ASSETS": TestEnvironment.packageRoot.appendingPathComponent(".run/dsfr/fonts").path,
        ].merging(extra) { _, new in new }
    }

    /// A reader over this test's environment, for a service's `settings(from:)`.
    package func reader(_ extra: [String: String] = [:]) -> SettingsReader {
        SettingsReader(ConfigReader(provider: EnvironmentVariablesProvider(environmentVariables: environment(extra))))
    }

    /// Common settings of one service in this test.
    package func common(_ service: String) -> CommonSettings {
        CommonSettings(service: service, defaultPort: 0, reader: reader())
    }

    /// A runtime whose metrics go to a private registry.
    package static func runtime(_ label: String = "test") -> Runtime {
        var logger = Logger(label: label)
        logger.logLevel = .warning
        return Runtime(logger: logger, metrics: PrometheusCollectorRegistry())
    }

    /// The broker's admin view of this test's topology.
    package var admin: AMQPAdmin {
        get throws {
            try AMQPAdmin(
                settings: AMQPSettings(url: TestEnvironment.amqpURL),
                topology: Topology(namespace: namespace)
            )
        }
    }
}

/// Runs `services` in one service group while `body` runs, then shuts them down gracefully.
package func withRunningServices<T: Sendable>(
    _ services: [any Service],
    _ body: @Sendable () async throws -> T
) async throws -> T {
    let group = ServiceGroup(
        configuration: .init(services: services.map { .init(service: $0) }, logger: Logger(label: "test.group"))
    )
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        do {
            let result = try await body()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        } catch {
            await group.triggerGracefulShutdown()
            try? await tasks.waitForAll()
            throw error
        }
    }
}
