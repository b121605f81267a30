import Foundation
import Logging
import Persistence
import PostgresNIO
import ServiceKit
import ServiceLifecycle

/// Deletes claimants' data summaries a week after they were issued (files and rows, recorded in the retention
/// log): a copy of someone's data is not kept longer than they need to download it.
struct DataSummaryExpiry: Service {
    let client: PostgresClient
    let storage: any BlobStore
    let logger: Logger
    var interval: Duration = .seconds(3600)
    var clock: @Sendable () -> Date = { Date() }

    static let lifetime: TimeInterval = 7 * 86_400

    func run() async throws {
        await repeatUntilShutdown(every: interval, logger: logger, failure: "data summaries not expired") {
            try await expire()
        }
    }

    /// Deletes the summaries issued more than a week ago; how many.
    @discardableResult
    func expire() async throws -> Int {
        try await client.withTransaction(logger: logger) { connection in
            let rows = try await connection.query(
                """
                SELECT DISTINCT claim_id FROM document
                WHERE type = \(RenderingContent.dataSummaryType) AND stored_at < \(clock().addingTimeInterval(-Self.lifetime))
                """,
                logger: logger
            )
            var folders: [UUID] = []
            for try await folder in rows.decode(UUID.self) { folders.append(folder) }
            for folder in folders {
                try await FolderPurge(storage: storage, connection: connection, logger: logger)
                    .purge([folder], of: ("data-summary", folder))
            }
            return folders.count
        }
    }
}
