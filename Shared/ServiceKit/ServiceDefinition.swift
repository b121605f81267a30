import Configuration
import Logging
import Persistence
import Prometheus
import ServiceLifecycle

/// Settings of one service: its own keys plus the common ones.
package protocol ServiceSettings: Sendable {
    var common: CommonSettings { get }
}

/// What is shared by all the services of a process: the root logger and the metrics registry.
package struct Runtime: Sendable {
    package var logger: Logger
    package var metrics: PrometheusCollectorRegistry

    package init(logger: Logger, metrics: PrometheusCollectorRegistry) {
        self.logger = logger
        self.metrics = metrics
    }
}

/// One microservice: how to read its settings, its migrations, and the services it runs (STYLE.md §c.4).
package protocol ServiceDefinition {
    associatedtype Settings: ServiceSettings
    /// Lower-case name: log label, schema, binary, queue.
    static var name: String { get }
    /// HTTP port when none is configured (DESIGN.md §6).
    static var defaultPort: Int { get }
    /// Reads and validates settings; reports every missing or invalid key in one error.
    static func settings(from reader: SettingsReader) throws -> Settings
    /// The service's own migrations (the platform ones are added by the runner).
    static func migrations() throws -> [Migration]
    /// Builds the services to run, in dependency order: infrastructure first, HTTP last.
    static func services(settings: Settings, runtime: Runtime) async throws -> [any Service]
    /// Extra one-shot commands (e.g. `seed-demo`), by name.
    static var commands: [String: @Sendable (Settings, Runtime) async throws -> Void] { get }
}

extension ServiceDefinition {
    package static var commands: [String: @Sendable (Settings, Runtime) async throws -> Void] { [:] }

    /// Platform migrations followed by the service's own.
    package static func allMigrations() throws -> [Migration] {
        try Migration.platform() + migrations()
    }
}
