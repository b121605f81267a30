import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import TestSupport

@testable import Documents

/// The documents service's router and parts on a fresh database and a fresh blob folder, for integration tests.
enum DocumentsHarness {
    struct Context: Sendable {
        var client: any TestClientProtocol
        var database: TestDatabase
        var storage: any BlobStore
        var parts: DocumentsService.Parts
    }

    /// Runs `body` against the documents router, with `antivirus` (the real clamd by default) and `storage` (a fresh
    /// folder by default); the database and the folder are removed afterwards.
    static func run(
        antivirus: (any Antivirus)? = nil,
        storage: BlobStoreSettings? = nil,
        _ body: @Sendable (Context) async throws -> Void
    ) async throws {
        let database = try await TestDatabase.create(migrations: ["documents": try DocumentsService.allMigrations()])
        let blobs = FileManager.default.temporaryDirectory.appendingPathComponent("blobs-\(UUID().uuidString)")
        let test = TestServices(database: database)
        var settings = try DocumentsService.settings(from: test.reader())
        settings.storage = storage ?? .filesystem(path: blobs.path)
        let platform = MessagingPlatform(settings: settings.common, logger: TestDatabase.logger)
        var assembled = try await DocumentsService.parts(
            settings: settings,
            platform: platform,
            logger: TestDatabase.logger
        )
        if let antivirus { assembled.antivirus = antivirus }
        let parts = assembled
        let app = Application(
            router: try DocumentsService.router(parts: parts, platform: platform, runtime: TestServices.runtime())
        )
        try await withRunningServices([platform.client]) {
            try await app.test(.router) { client in
                try await body(Context(client: client, database: database, storage: parts.storage, parts: parts))
            }
        }
        await parts.renderer.stop()
        try await database.drop()
        try? FileManager.default.removeItem(at: blobs)
    }
}

extension S3Location {
    /// The stand-in's bucket, with its user's keys.
    init(_ account: S3StandIn.Account) {
        self.init(
            endpoint: account.endpoint,
            bucket: account.bucket,
            region: account.region,
            accessKeyID: account.accessKeyId,
            secretAccessKey: account.secretAccessKey
        )
    }
}
