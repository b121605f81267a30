import Contracts
import Foundation
import Messaging
import PostgresNIO

/// The events documents consumes.
enum DocumentsSubscriptions {
    static func all(storage: any BlobStore, renderingRequested: OutboxSignal) -> [Subscription] {
        func letter<E: EventContract>(_ content: @escaping @Sendable (E) -> LetterContent) -> Subscription {
            Subscription(SignedLetterHandler(renderingRequested: renderingRequested, content: content))
        }
        return [
            Subscription(ClaimSubmittedHandler(renderingRequested: renderingRequested)),
            Subscription(DocumentWithdrawnHandler(storage: storage)),
            letter { (event: OfferSent) in LetterContent(event) },
            letter { (event: ClaimRejected) in LetterContent(event) },
            letter { (event: PaymentOrderSigned) in LetterContent(event) },
            letter { (event: OfferAccepted) in LetterContent(event) },
            Subscription(NoticeRequestHandler(renderingRequested: renderingRequested)),
            Subscription(DeclarationDraftDeletedHandler(storage: storage)),
            Subscription(ClaimRetentionHandler(storage: storage)), Subscription(DraftPurgedHandler(storage: storage)),
            Subscription(DataSummaryRequestedHandler(renderingRequested: renderingRequested)),
            Subscription(DeclarationExpiredHandler(storage: storage)),
        ]
    }
}

/// A submitted claim gets its document folder and its receipt is requested (`RenderingService` renders it).
struct ClaimSubmittedHandler: EventHandler {
    /// Wakes the rendering worker.
    let renderingRequested: OutboxSignal

    func handle(_ event: ClaimSubmitted, context: HandlerContext) async throws {
        try await RenderingQueue.request(
            .receipt(ReceiptContent(event)),
            claim: event.claimId,
            reference: event.reference,
            at: Date(),
            on: context.connection,
            logger: context.logger
        )
        context.afterCommit { renderingRequested.notify() }
    }
}

/// A letter was signed (an offer, a rejection, a payment order) or an offer accepted: its PDF is requested.
struct SignedLetterHandler<Event: EventContract>: EventHandler {
    /// Wakes the rendering worker.
    let renderingRequested: OutboxSignal
    let content: @Sendable (Event) -> LetterContent

    func handle(_ event: Event, context: HandlerContext) async throws {
        let letter = content(event)
        try await RenderingQueue.request(
            .letter(letter),
            claim: letter.claimId,
            reference: letter.reference,
            at: Date(),
            on: context.connection,
            logger: context.logger
        )
        context.afterCommit { renderingRequested.notify() }
    }
}

/// A claimant withdrew an upload before submitting: its content is deleted, its row kept as withdrawn.
/// Deleting first is safe: a redelivery finds the file gone and marks the row again.
struct DocumentWithdrawnHandler: EventHandler {
    let storage: any BlobStore

    func handle(_ event: DocumentWithdrawn, context: HandlerContext) async throws {
        try await storage.delete(document: event.documentId, claim: event.claimId)
        try await context.connection.query(
            """
            UPDATE document SET deleted_at = \(event.withdrawnAt)
            WHERE id = \(event.documentId) AND claim_id = \(event.claimId) AND deleted_at IS NULL
            """,
            logger: context.logger
        )
    }
}

/// A unit deleted a draft declaration: the files attached to it are deleted.
struct DeclarationDraftDeletedHandler: EventHandler {
    let storage: any BlobStore

    func handle(_ event: DeclarationDraftDeleted, context: HandlerContext) async throws {
        for document in event.documentIds {
            try await storage.delete(document: document, claim: event.declarationId)
            try await context.connection.query(
                """
                UPDATE document SET deleted_at = \(event.deletedAt)
                WHERE id = \(document) AND claim_id = \(event.declarationId) AND deleted_at IS NULL
                """,
                logger: context.logger
            )
        }
    }
}

/// A unit declared a door break: the printable notice for the occupant is requested, in a folder of its own.
struct NoticeRequestHandler: EventHandler {
    /// Wakes the rendering worker.
    let renderingRequested: OutboxSignal

    func handle(_ event: DeclarationSubmitted, context: HandlerContext) async throws {
        let notice = NoticeContent(event)
        try await RenderingQueue.request(
            .notice(notice),
            claim: event.declarationId,
            reference: notice.folderReference,
            at: Date(),
            on: context.connection,
            logger: context.logger
        )
        context.afterCommit { renderingRequested.notify() }
    }
}
