import Foundation
import Hummingbird
import Logging
import Persistence
import ServiceKit
import ServiceLifecycle
import WebUI

/// Police and gendarmerie portal: door-break declarations, invitations, answers to agents (composition root).
package enum LiaisonService: ServiceDefinition {
    /// Liaison's settings: only the common ones so far.
    package struct Settings: ServiceSettings {
        package var common: CommonSettings
    }

    package static let name = "liaison"
    package static let defaultPort = 8084

    package static func settings(from reader: SettingsReader) throws -> Settings {
        Settings(common: CommonSettings(service: name, defaultPort: defaultPort, reader: reader))
    }

    package static func migrations() throws -> [Migration] {
        try Migration.service(in: Bundle.module)
    }

    /// The portal's page templates with the shared layout.
    static func pages() throws -> PageRenderer {
        try PageRenderer(templatesIn: .module)
    }

    package static func services(settings: Settings, runtime: Runtime) async throws -> [any Service] {
        let platform = MessagingPlatform(settings: settings.common, logger: runtime.logger)
        let investigators = InvestigatorDirectory(client: platform.client, logger: runtime.logger)
        let router = ServiceHTTP.router(checks: platform.readinessChecks, runtime: runtime)
        HomeController(
            pages: try pages(),
            authenticator: BasicAuthenticator(realm: "Forces de l'ordre MIJ") {
                try await investigators.verify(email: $0, password: $1)
            }
        ).addRoutes(to: router)
        let app = ServiceHTTP.application(router: router, settings: settings.common)
        return platform.services(subscriptions: []) + [app]
    }

    package static var commands: [String: @Sendable (Settings, Runtime) async throws -> Void] {
        ["seed-demo": seedDemo]
    }

    /// Creates the demo investigator and prints the credentials (development only).
    @Sendable private static func seedDemo(settings: Settings, runtime: Runtime) async throws {
        try await settings.common.database.withClient(logger: runtime.logger) { client in
            let (email, password) = try await InvestigatorDirectory(client: client, logger: runtime.logger).seedDemoAccount()
            print("investigator \(email)  \(password)")
        }
    }
}
