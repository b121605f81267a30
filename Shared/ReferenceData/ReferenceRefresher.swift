import Foundation
import Logging
import Persistence
import PostgresNIO
import ServiceKit
import ServiceLifecycle

/// Where a service reads its reference files and how often it looks for new ones (`REFERENCE_DATA_DIR`,
/// `REFERENCE_REFRESH_HOURS`). Without a directory, the small sample shipped with the code is loaded, so a fresh
/// machine works offline; production points it at the full official files.
package struct ReferenceSettings: Sendable {
    package var directory: URL
    package var refreshInterval: Duration

    package static func from(_ reader: SettingsReader) -> ReferenceSettings {
        let directory = reader.string("reference.data.dir", default: "")
        let hours = reader.int("reference.refresh.hours", default: 24, in: 1...(24 * 31))
        return ReferenceSettings(
            directory: directory.isEmpty ? sampleDirectory : URL(fileURLWithPath: directory),
            refreshInterval: .seconds(hours * 3600)
        )
    }

    /// The generated sample of every official file (a few departments' worth), shipped with the code.
    package static var sampleDirectory: URL {
        Bundle.module.url(forResource: "Sample", withExtension: nil) ?? URL(fileURLWithPath: "/nonexistent")
    }
}

/// Loads the reference files when the service starts, then looks for new ones on a schedule; a file that cannot be
/// loaded is logged and the data already there kept.
package struct ReferenceRefresher: Service {
    let importer: ReferenceImporter
    let settings: ReferenceSettings
    let logger: Logger

    package init(client: PostgresClient, settings: ReferenceSettings, logger: Logger) {
        importer = ReferenceImporter(client: client, logger: logger)
        self.settings = settings
        self.logger = logger
    }

    package func run() async throws {
        await repeatUntilShutdown(
            every: settings.refreshInterval,
            logger: logger,
            failure: "reference data not refreshed"
        ) {
            try await importer.importAll(from: settings.directory)
        }
    }
}

extension Migration {
    /// The reference tables, for the services that read reference data (group `reference` in the ledger).
    package static func reference() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "ReferenceMigrations", withExtension: nil) else {
            throw MigrationError.missingResources("ReferenceMigrations")
        }
        return try load(group: "reference", from: directory)
    }
}
