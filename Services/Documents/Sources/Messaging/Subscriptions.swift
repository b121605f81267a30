import Contracts
import Foundation
import Messaging
import PostgresNIO

/// The events documents consumes.
enum DocumentsSubscriptions {
    static func all(storage: BlobStorage, receiptRequested: OutboxSignal) -> [Subscription] {
        [
            Subscription(ClaimSubmittedHandler(receiptRequested: receiptRequested)),
            Subscription(DocumentWithdrawnHandler(storage: storage)),
        ]
    }
}

/// A submitted claim gets its document folder and its receipt is requested (`ReceiptService` renders it).
struct ClaimSubmittedHandler: EventHandler {
    /// Wakes the receipt worker.
    let receiptRequested: OutboxSignal

    func handle(_ event: ClaimSubmitted, context: HandlerContext) async throws {
        try await context.connection.query(
            "INSERT INTO claim_folder (claim_id, reference) VALUES (\(event.claimId), \(event.reference)) ON CONFLICT DO NOTHING",
            logger: context.logger
        )
        try await ReceiptRepository.request(
            ReceiptContent(event),
            at: Date(),
            on: context.connection,
            logger: context.logger
        )
        receiptRequested.notify()
    }
}

/// A claimant withdrew an upload before submitting: its content is deleted, its row kept as withdrawn.
/// Deleting first is safe: a redelivery finds the file gone and marks the row again.
struct DocumentWithdrawnHandler: EventHandler {
    let storage: BlobStorage

    func handle(_ event: DocumentWithdrawn, context: HandlerContext) async throws {
        try storage.delete(document: event.documentId, claim: event.claimId)
        try await context.connection.query(
            """
            UPDATE document SET deleted_at = \(event.withdrawnAt)
            WHERE id = \(event.documentId) AND claim_id = \(event.claimId) AND deleted_at IS NULL
            """,
            logger: context.logger
        )
    }
}
