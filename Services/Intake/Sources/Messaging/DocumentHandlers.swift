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

/// A claim's submission receipt is ready: it joins the claim's documents, to download, and its history.
struct ReceiptIssuedHandler: EventHandler {
    func handle(_ event: ReceiptIssued, context: HandlerContext) async throws {
        try await context.connection.query(
            """
            INSERT INTO claim_document (document_id, claim_id, uploaded_by, type, file_name, media_type, size,
                                        scan_status, uploaded_at)
            SELECT \(event.documentId), id, NULL, 'recepisse', \(event.fileName), \(event.mediaType), \(event.size),
                   'clean', \(event.issuedAt)
            FROM claim WHERE id = \(event.claimId)
            ON CONFLICT (document_id) DO NOTHING
            """,
            logger: context.logger
        )
        try await context.connection.query(
            """
            INSERT INTO claim_timeline_entry (claim_id, kind, occurred_at, source_message_id)
            SELECT id, 'receipt-issued', \(event.issuedAt), \(context.envelope.messageId) FROM claim
            WHERE id = \(event.claimId)
            ON CONFLICT (source_message_id) DO NOTHING
            """,
            logger: context.logger
        )
    }
}
