import Contracts
import Foundation
import Messaging
import PostgresNIO

/// A document of one of intake's claims was stored: it joins the claim's list (an unknown claim is ignored).
struct DocumentStoredHandler: EventHandler {
    func handle(_ event: DocumentStored, context: HandlerContext) async throws {
        try await context.connection.query(
            """
            INSERT INTO claim_document (document_id, claim_id, uploaded_by, type, file_name, media_type, size,
                                        scan_status, uploaded_at)
            SELECT \(event.documentId), id, \(event.uploadedBy), \(event.type), \(event.fileName), \(event.mediaType),
                   \(event.size), \(event.scanStatus), \(event.storedAt)
            FROM claim WHERE id = \(event.claimId)
            ON CONFLICT (document_id) DO NOTHING
            """,
            logger: context.logger
        )
    }
}

/// A document stored while the antivirus was down has its verdict.
struct DocumentScannedHandler: EventHandler {
    func handle(_ event: DocumentScanned, context: HandlerContext) async throws {
        try await context.connection.query(
            """
            UPDATE claim_document SET scan_status = \(event.verdict)
            WHERE document_id = \(event.documentId) AND scan_status = 'scan_pending'
            """,
            logger: context.logger
        )
    }
}

/// An upload to a submitted claim was refused (an answer to a request for information): the claim's history says
/// so, with why; a draft's claimant saw it at once, and other folders (declarations, questions) are not intake's.
struct DocumentRejectedHandler: EventHandler {
    func handle(_ event: DocumentRejected, context: HandlerContext) async throws {
        try await context.connection.query(
            """
            INSERT INTO claim_timeline_entry (claim_id, kind, occurred_at, source_message_id)
            SELECT id, \("document-rejected:" + event.reason), \(event.rejectedAt), \(context.envelope.messageId)
            FROM claim WHERE id = \(event.claimId) AND status <> \(ClaimState.draft)
            ON CONFLICT (source_message_id) DO NOTHING
            """,
            logger: context.logger
        )
    }
}

/// A claim's submission receipt is ready: it joins the claim's documents, to download, and its history.
struct ReceiptIssuedHandler: EventHandler {
    func handle(_ event: ReceiptIssued, context: HandlerContext) async throws {
        try await IssuedDocument(
            id: event.documentId,
            claimId: event.claimId,
            type: "recepisse",
            fileName: event.fileName,
            size: event.size,
            issuedAt: event.issuedAt
        ).file(context: context)
        try await ClaimProgress.addToTimeline(event.claimId, "receipt-issued", at: event.issuedAt, context: context)
    }
}

/// A signed letter (decision, payment order) is filed as a PDF: it joins the claim's documents, to download.
/// Its timeline entry is the decision's or the payment's own event.
struct LetterRenderedHandler: EventHandler {
    func handle(_ event: LetterRendered, context: HandlerContext) async throws {
        try await IssuedDocument(
            id: event.documentId,
            claimId: event.claimId,
            type: event.kind.rawValue,
            fileName: event.fileName,
            size: event.size,
            issuedAt: event.renderedAt
        ).file(context: context)
    }
}

/// A PDF the office issued for one of intake's claims (an unknown claim is ignored).
private struct IssuedDocument {
    var id: UUID
    var claimId: UUID
    var type: String
    var fileName: String
    var size: Int
    var issuedAt: Date

    func file(context: HandlerContext) async throws {
        try await context.connection.query(
            """
            INSERT INTO claim_document (document_id, claim_id, uploaded_by, type, file_name, media_type, size,
                                        scan_status, uploaded_at)
            SELECT \(id), id, NULL, \(type), \(fileName), 'application/pdf', \(size), 'clean', \(issuedAt)
            FROM claim WHERE id = \(claimId)
            ON CONFLICT (document_id) DO NOTHING
            """,
            logger: context.logger
        )
    }
}
