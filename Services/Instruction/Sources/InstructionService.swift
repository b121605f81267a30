import Foundation
import Hummingbird
import Logging
import Persistence
import ServiceKit
import ServiceLifecycle
import WebUI

/// Agents' back office: attribution, instruction, decisions, signatures, payment (composition root).
package enum InstructionService: ServiceDefinition {
    /// Instruction's settings: only the common ones so far.
    package struct Settings: ServiceSettings {
        package var common: CommonSettings
    }

    package static let name = "instruction"
    package static let defaultPort = 8083

    package static func settings(from reader: SettingsReader) throws -> Settings {
        Settings(common: CommonSettings(service: name, defaultPort: defaultPort, reader: reader))
    }

    package static func migrations() throws -> [Migration] {
        try Migration.service(in: Bundle.module)
    }

    package static func services(settings: Settings, runtime: Runtime) async throws -> [any Service] {
        let platform = MessagingPlatform(settings: settings.common, logger: runtime.logger)
        let agents = AgentDirectory(client: platform.client, logger: runtime.logger)
        let router = ServiceHTTP.router(checks: platform.readinessChecks, runtime: runtime)
        ClaimListController(
            queue: ClaimQueue(client: platform.client, logger: runtime.logger),
            pages: try PageRenderer(templatesIn: .module),
            authenticator: BasicAuthenticator(realm: "Agents MIJ") { try await agents.verify(email: $0, password: $1) }
        ).addRoutes(to: router)
        let app = ServiceHTTP.application(router: router, settings: settings.common)
        return platform.services(subscriptions: InstructionSubscriptions.all()) + [app]
    }

    package static var commands: [String: @Sendable (Settings, Runtime) async throws -> Void] {
        ["seed-demo": seedDemo]
    }

    /// Creates one local account per agent role and prints the credentials (development only).
    @Sendable private static func seedDemo(settings: Settings, runtime: Runtime) async throws {
        try await settings.common.database.withClient(logger: runtime.logger) { client in
            for (email, password) in try await AgentDirectory(client: client, logger: runtime.logger).seedDemoAccounts() {
                print("agent        \(email)  \(password)")
            }
        }
    }
}
