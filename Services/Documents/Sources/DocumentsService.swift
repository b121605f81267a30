import Foundation
import Logging
import Persistence
import ServiceKit
import ServiceLifecycle

/// Uploads, scanning, storage, generated letters and signed downloads (composition root).
package enum DocumentsService: ServiceDefinition {
    /// Documents' settings: the common ones and where blobs are stored.
    package struct Settings: ServiceSettings {
        package var common: CommonSettings
        package var storagePath: String
    }

    package static let name = "documents"
    package static let defaultPort = 8082

    package static func settings(from reader: SettingsReader) throws -> Settings {
        Settings(
            common: CommonSettings(service: name, defaultPort: defaultPort, reader: reader),
            storagePath: reader.string("documents.storage.path", default: ".run/blobs")
        )
    }

    package static func migrations() throws -> [Migration] {
        try Migration.service(in: Bundle.module)
    }

    package static func services(settings: Settings, runtime: Runtime) async throws -> [any Service] {
        let platform = MessagingPlatform(settings: settings.common, logger: runtime.logger)
        let storage = BlobStorage(root: URL(fileURLWithPath: settings.storagePath))
        let checks = platform.readinessChecks + [ReadinessCheck(name: "storage") { try storage.checkWritable() }]
        let router = ServiceHTTP.router(checks: checks, runtime: runtime)
        let app = ServiceHTTP.application(router: router, settings: settings.common)
        return platform.services(subscriptions: DocumentsSubscriptions.all()) + [app]
    }
}
