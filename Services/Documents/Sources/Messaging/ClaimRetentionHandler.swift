import Contracts
import Foundation
import Logging
import Messaging
import Persistence
import PostgresNIO

/// A claim's retention ended: every folder that belongs to it (its own, its declaration's, its questions') is
/// deleted with its files, uploads and generated letters alike, and the purge recorded.
struct ClaimRetentionHandler: EventHandler {
    let storage: any BlobStore

    func handle(_ event: ClaimRetentionExpired, context: HandlerContext) async throws {
        try await FolderPurge(storage: storage, connection: context.connection, logger: context.logger).purge(
            event.documentFolders,
            of: ("claim", event.claimId)
        )
    }
}

/// A draft was deleted with its idle account: the files uploaded to it are deleted, and the purge recorded.
struct DraftPurgedHandler: EventHandler {
    let storage: any BlobStore

    func handle(_ event: DraftPurged, context: HandlerContext) async throws {
        try await FolderPurge(storage: storage, connection: context.connection, logger: context.logger).purge(
            [event.claimId],
            of: ("draft", event.claimId)
        )
    }
}

/// Deletes folders with their files and rows. Files go first: a redelivery finds them gone and deletes the rows
/// again.
struct FolderPurge {
    let storage: any BlobStore
    let connection: PostgresConnection
    let logger: Logger

    /// Deletes `folders`, recording them under `subject` (`claim` or `draft`, with its id).
    func purge(_ folders: [UUID], of subject: (kind: String, id: UUID)) async throws {
        var removed: [String: Int] = [:]
        for folder in folders {
            let files = try await storage.deleteFolder(claim: folder)
            if files > 0 { removed["blob", default: 0] += files }
            let rows = try await connection.removals(
                [
                    ("rendering_request", "DELETE FROM rendering_request WHERE claim_id = \(folder)"),
                    ("document", "DELETE FROM document WHERE claim_id = \(folder)"),
                    ("claim_folder", "DELETE FROM claim_folder WHERE claim_id = \(folder)"),
                ],
                logger: logger
            )
            removed.merge(rows, uniquingKeysWith: +)
        }
        try await RetentionLog.record(
            subject.kind,
            subject.id,
            at: Date(),
            detail: removed,
            on: connection,
            logger: logger
        )
    }
}

/// A claimant asked for a readable summary of their data: its PDF is requested, in a folder named after it.
struct DataSummaryRequestedHandler: EventHandler {
    /// Wakes the rendering worker.
    let renderingRequested: OutboxSignal

    func handle(_ event: DataSummaryRequested, context: HandlerContext) async throws {
        try await RenderingQueue.request(
            .dataSummary(event),
            claim: event.summaryId,
            reference: "Relevé \(event.summaryId.uuidString.lowercased())",
            at: Date(),
            on: context.connection,
            logger: context.logger
        )
        context.afterCommit { renderingRequested.notify() }
    }
}
