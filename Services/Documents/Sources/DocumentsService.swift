import Foundation
import Hummingbird
import Logging
import Persistence
import ServiceKit
import ServiceLifecycle
import WebUI

/// Uploads, scanning, storage, generated letters and signed downloads (composition root).
package enum DocumentsService: ServiceDefinition {
    /// Documents' settings: the common ones, the blob store, the antivirus and the key of the portals' grants.
    package struct Settings: ServiceSettings {
        package var common: CommonSettings
        package var storagePath: String
        package var clamdHost: String
        package var clamdPort: Int
        /// Checks the upload and download grants the portals sign (DOCUMENTS_GRANT_KEY, shared with them).
        package var grants: DocumentGrantSigner?
    }

    package static let name = "documents"
    package static let defaultPort = 8082

    package static func settings(from reader: SettingsReader) throws -> Settings {
        let grants = DocumentGrantSigner(base64Key: reader.string("documents.grant.key", default: "", secret: true))
        if grants == nil {
            reader.report("DOCUMENTS_GRANT_KEY must be at least 32 random bytes in base64 (openssl rand -base64 32)")
        }
        return Settings(
            common: CommonSettings(service: name, defaultPort: defaultPort, reader: reader),
            storagePath: reader.string("documents.storage.path", default: ".run/blobs"),
            clamdHost: reader.string("clamd.host", default: "127.0.0.1"),
            clamdPort: reader.int("clamd.port", default: 3310),
            grants: grants
        )
    }

    package static func migrations() throws -> [Migration] {
        try Migration.service(in: Bundle.module)
    }

    package static func services(settings: Settings, runtime: Runtime) async throws -> [any Service] {
        let platform = MessagingPlatform(settings: settings.common, logger: runtime.logger)
        let parts = try parts(settings: settings, platform: platform, logger: runtime.logger)
        let app = ServiceHTTP.application(
            router: try router(parts: parts, platform: platform, runtime: runtime),
            settings: settings.common
        )
        let rescans = PendingScanService(
            documents: parts.documents,
            antivirus: parts.antivirus,
            storage: parts.storage,
            logger: runtime.logger
        )
        return platform.services(subscriptions: DocumentsSubscriptions.all(storage: parts.storage)) + [rescans, app]
    }

    /// What the routes and the background services share.
    struct Parts: Sendable {
        var portalOrigin: String
        var storage: BlobStorage
        var antivirus: any Antivirus
        var documents: DocumentRepository
        var grants: DocumentGrantSigner
    }

    static func parts(settings: Settings, platform: MessagingPlatform, logger: Logger) throws -> Parts {
        guard let grants = settings.grants else { throw SettingsError(problems: ["DOCUMENTS_GRANT_KEY"]) }
        return Parts(
            portalOrigin: settings.common.publicBaseURL,
            storage: BlobStorage(root: URL(fileURLWithPath: settings.storagePath)),
            antivirus: ClamdClient(host: settings.clamdHost, port: settings.clamdPort),
            documents: DocumentRepository(outbox: platform.outbox, logger: logger),
            grants: grants
        )
    }

    /// Every route of the service; also used by the integration tests.
    static func router(parts: Parts, platform: MessagingPlatform, runtime: Runtime) throws
        -> Router<ServiceRequestContext>
    {
        let storage = parts.storage
        let checks = platform.readinessChecks + [ReadinessCheck(name: "storage") { try storage.checkWritable() }]
        let router = ServiceHTTP.router(checks: checks, runtime: runtime)
        UploadController(
            grants: parts.grants,
            antivirus: parts.antivirus,
            storage: parts.storage,
            documents: parts.documents,
            portalOrigin: parts.portalOrigin
        ).addRoutes(to: router)
        return router
    }
}
