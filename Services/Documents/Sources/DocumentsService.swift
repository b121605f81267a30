import Foundation
import Hummingbird
import Logging
import Messaging
import Persistence
import ServiceKit
import ServiceLifecycle
import WebUI

/// Uploads, scanning, storage, generated letters and signed downloads (composition root).
package enum DocumentsService: ServiceDefinition {
    /// Documents' settings: the common ones, the blob store, the antivirus and the key of the portals' grants.
    package struct Settings: ServiceSettings {
        package var common: CommonSettings
        /// Where documents' contents are kept (DOCUMENTS_STORAGE and its own settings).
        var storage: BlobStoreSettings
        package var clamdHost: String
        package var clamdPort: Int
        /// Checks the upload and download grants the portals sign (DOCUMENTS_GRANT_KEY, shared with them).
        package var grants: DocumentGrantSigner?
        /// The Python interpreter that has WeasyPrint, for receipts and letters.
        package var pdfPython: String
        /// The folder PDFs may take fonts from (the DSFR's Marianne; a sans-serif fallback otherwise).
        package var pdfAssets: String
        /// Receipts and letters are requested but not rendered (they wait in `rendering_request`): for benchmarks
        /// of the messaging path, or to relieve a struggling machine. `DOCUMENTS_RECEIPTS_PAUSED`.
        package var receiptsPaused: Bool
    }

    package static let name = "documents"
    package static let defaultPort = 8082

    package static func settings(from reader: SettingsReader) throws -> Settings {
        let grants = DocumentGrantSigner.fromSettings(reader)
        return Settings(
            common: CommonSettings(service: name, defaultPort: defaultPort, reader: reader),
            storage: BlobStoreSettings.read(from: reader),
            clamdHost: reader.string("clamd.host", default: "127.0.0.1"),
            clamdPort: reader.int("clamd.port", default: 3310),
            grants: grants,
            pdfPython: reader.string("documents.pdf.python", default: ".venv/bin/python"),
            pdfAssets: reader.string("documents.pdf.assets", default: ".run/dsfr/fonts"),
            receiptsPaused: reader.bool("documents.receipts.paused", default: false)
        )
    }

    package static func migrations() throws -> [Migration] {
        try Migration.service(in: Bundle.module)
    }

    package static func services(settings: Settings, runtime: Runtime) async throws -> [any Service] {
        let platform = MessagingPlatform(settings: settings.common, logger: runtime.logger)
        let parts = try await parts(settings: settings, platform: platform, logger: runtime.logger)
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
        let rendering = RenderingService(
            queue: parts.rendering,
            templates: parts.letters,
            renderer: parts.renderer,
            storage: parts.storage,
            portalOrigin: parts.portalOrigin,
            signal: parts.renderingRequested,
            logger: runtime.logger
        )
        let subscriptions = DocumentsSubscriptions.all(
            storage: parts.storage,
            renderingRequested: parts.renderingRequested
        )
        let expiry = DataSummaryExpiry(client: platform.client, storage: parts.storage, logger: runtime.logger)
        let background: [any Service] = settings.receiptsPaused ? [rescans, expiry] : [rescans, rendering, expiry]
        return platform.services(subscriptions: subscriptions) + background + [app]
    }

    /// What the routes and the background services share.
    struct Parts: Sendable {
        var portalOrigin: String
        var storage: any BlobStore
        var antivirus: any Antivirus
        var documents: DocumentRepository
        var grants: DocumentGrantSigner
        var rendering: RenderingQueue
        var letters: LetterTemplates
        var renderer: PDFRenderer
        /// Rings when a receipt or a letter is requested, so it is rendered at once.
        var renderingRequested = OutboxSignal()
    }

    static func parts(settings: Settings, platform: MessagingPlatform, logger: Logger) async throws -> Parts {
        guard let grants = settings.grants else { throw SettingsError(problems: ["DOCUMENTS_GRANT_KEY"]) }
        let worker = try Bundle.module.directory("PDFWorker").appendingPathComponent("pdf-worker.py")
        return Parts(
            portalOrigin: settings.common.publicBaseURL,
            storage: settings.storage.makeStore(),
            antivirus: ClamdClient(host: settings.clamdHost, port: settings.clamdPort),
            documents: DocumentRepository(outbox: platform.outbox, logger: logger),
            grants: grants,
            rendering: RenderingQueue(outbox: platform.outbox, logger: logger),
            letters: try await LetterTemplates(directory: try Bundle.module.directory("Templates")),
            renderer: PDFRenderer(
                command: .init(python: settings.pdfPython, script: worker, assets: settings.pdfAssets),
                logger: logger
            )
        )
    }

    /// Every route of the service; also used by the integration tests.
    static func router(parts: Parts, platform: MessagingPlatform, runtime: Runtime) throws
        -> Router<ServiceRequestContext>
    {
        let storage = parts.storage
        let checks = platform.readinessChecks + [ReadinessCheck(name: "storage") { try await storage.checkReady() }]
        let router = ServiceHTTP.router(
            checks: checks,
            runtime: runtime,
            strictTransportSecurity: platform.settings.servesHTTPS
        )
        UploadController(
            grants: parts.grants,
            antivirus: parts.antivirus,
            storage: parts.storage,
            documents: parts.documents,
            portalOrigin: parts.portalOrigin
        ).addRoutes(to: router)
        DownloadController(
            grants: parts.grants,
            documents: parts.documents,
            storage: parts.storage,
            portalOrigin: parts.portalOrigin
        ).addRoutes(to: router)
        return router
    }
}
