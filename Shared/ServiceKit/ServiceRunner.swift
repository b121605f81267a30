import ArgumentParser
import Configuration
import Foundation
import Logging
import Metrics
import Persistence
import PostgresNIO
import Prometheus
import ServiceLifecycle
import UnixSignals

/// Process entry point shared by the five executables: `serve` (default) or `migrate`.
package enum ServiceRunner {
    /// Parses the command line, bootstraps logging and metrics once, then runs the command.
    package static func main<Definition: ServiceDefinition>(_ definition: Definition.Type) async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let command = arguments.first ?? "serve"
        guard ["serve", "migrate", "replay-parked"].contains(command) || Definition.commands[command] != nil else {
            let extra = Definition.commands.keys.sorted().map { "\n  \($0)" }.joined()
            print(
                """
                usage: \(Definition.name) [serve|migrate|replay-parked [--dry-run]]
                  serve          run the service (default)
                  migrate        apply pending migrations and exit
                  replay-parked  put the messages this service parked back in its queue (--dry-run: count them)\(extra)
                """
            )
            exit(command == "--help" || command == "-h" ? 0 : 64)
        }
        let reader = SettingsReader(ConfigReader(provider: EnvironmentVariablesProvider()))
        let settings: Definition.Settings
        do {
            settings = try Definition.settings(from: reader)
            try reader.validate()
        } catch {
            FileHandle.standardError.write(Data("\(Definition.name): \(error)\n".utf8))
            exit(78)
        }
        let runtime = bootstrap(service: Definition.name, level: settings.common.logLevel)
        do {
            switch command {
            case "migrate": try await migrate(Definition.self, settings: settings, logger: runtime.logger)
            case "serve": try await serve(Definition.self, settings: settings, runtime: runtime)
            case "replay-parked":
                let dryRun = arguments.dropFirst().contains("--dry-run")
                let (waiting, replayed) = try await ParkedMessages(settings: settings.common, logger: runtime.logger)
                    .replay(dryRun: dryRun)
                print(dryRun ? "\(waiting) message(s) parked" : "\(replayed) of \(waiting) parked message(s) replayed")
            default: try await Definition.commands[command]?(settings, runtime)
            }
        } catch {
            runtime.logger.critical("\(command) failed", metadata: ["error": "\(error)"])
            exit(1)
        }
    }

    /// Logging to JSON lines and metrics to a Prometheus registry; once per process.
    package static func bootstrap(service: String, level: Logger.Level) -> Runtime {
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        var logger = Logger(label: service)
        logger.logLevel = level
        return Runtime(logger: logger, metrics: registry)
    }

    /// Applies pending migrations as the migration role.
    package static func migrate<Definition: ServiceDefinition>(
        _ definition: Definition.Type,
        settings: Definition.Settings,
        logger: Logger
    ) async throws {
        let runner = MigrationRunner(schema: Definition.name, migrations: try Definition.allMigrations())
        try await settings.common.migrationDatabase.withClient(logger: logger) { client in
            let applied = try await runner.apply(using: client, logger: logger)
            logger.info("migrations up to date", metadata: ["applied": "\(applied.count)"])
        }
    }

    /// Checks the schema (or migrates in dev), then runs the service group until SIGTERM/SIGINT.
    package static func serve<Definition: ServiceDefinition>(
        _ definition: Definition.Type,
        settings: Definition.Settings,
        runtime: Runtime
    ) async throws {
        if settings.common.migrateOnStart {
            try await migrate(definition, settings: settings, logger: runtime.logger)
        } else {
            let runner = MigrationRunner(schema: Definition.name, migrations: try Definition.allMigrations())
            try await settings.common.database.withClient(logger: runtime.logger) { client in
                let pending = try await runner.pending(using: client, logger: runtime.logger)
                guard pending.isEmpty else { throw MigrationError.pending(pending.map { "\($0.group)/\($0.name)" }) }
            }
        }
        let services = try await Definition.services(settings: settings, runtime: runtime)
        let group = ServiceGroup(
            configuration: .init(
                services: services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: runtime.logger
            )
        )
        runtime.logger.info("service starting", metadata: ["port": "\(settings.common.httpPort)"])
        try await group.run()
        runtime.logger.info("service stopped")
    }
}
