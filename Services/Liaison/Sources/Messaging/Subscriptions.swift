import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO

/// The events liaison consumes.
enum LiaisonSubscriptions {
    static func all() -> [Subscription] {
        [
            Subscription(DeclarationLinkedHandler()), Subscription(InvestigatorQuerySentHandler()),
            Subscription(NoticeRenderedHandler()), Subscription(AttachmentStoredHandler()),
            Subscription(AttachmentScannedHandler()), Subscription(ClaimRetentionHandler()),
            Subscription(SubjectRequestHandler()),
        ] + feedback()
    }
}

/// An occupant attached a declaration to their claim: the unit sees it has served, and can follow the claim.
struct DeclarationLinkedHandler: EventHandler {
    func handle(_ event: DeclarationLinked, context: HandlerContext) async throws {
        try await context.connection.query(
            """
            UPDATE declaration SET state = 'linked', claim_id = \(event.claimId), linked_at = \(event.linkedAt)
            WHERE id = \(event.declarationId) AND state = 'submitted'
            """,
            logger: context.logger
        )
    }
}

/// A rédacteur asked the declaring unit a question: it waits in the unit's space (the declaration says which unit).
struct InvestigatorQuerySentHandler: EventHandler {
    func handle(_ event: InvestigatorQuerySent, context: HandlerContext) async throws {
        try await Self.record(event, on: context.connection, logger: context.logger)
    }

    static func record(_ event: InvestigatorQuerySent, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO investigator_query (id, declaration_id, unit_code, claim_id, claim_reference, question, due_on,
                                            asked_by, asked_at)
            SELECT \(event.queryId), id, unit_code, \(event.claimId), \(event.reference), \(event.question),
                   \(event.dueOn)::date, \(event.askedBy), \(event.askedAt)
            FROM declaration WHERE id = \(event.declarationId)
            ON CONFLICT (id) DO NOTHING
            """,
            logger: logger
        )
    }
}

/// The declaration's printable notice is filed: the unit can download and print it.
struct NoticeRenderedHandler: EventHandler {
    func handle(_ event: NoticeRendered, context: HandlerContext) async throws {
        try await context.connection.query(
            "UPDATE declaration SET notice_document_id = \(event.documentId) WHERE id = \(event.declarationId)",
            logger: context.logger
        )
    }
}

/// A file the unit uploaded passed documents' checks: it joins the declaration (other folders are not ours). Added
/// to a declaration already submitted, it is announced to instruction (once scanned clean). A file a rédacteur joined
/// to a question joins the question.
struct AttachmentStoredHandler: EventHandler {
    func handle(_ event: DocumentStored, context: HandlerContext) async throws {
        if event.type == InvestigatorQuerySent.attachmentType { return try await Self.joinQuery(event, context) }
        guard Attachment.Kind(rawValue: event.type) != nil else { return }
        let rows = try await context.connection.query(
            """
            INSERT INTO declaration_attachment (document_id, declaration_id, type, file_name, scan_status, uploaded_by,
                                                uploaded_at)
            SELECT \(event.documentId), id, \(event.type), \(event.fileName), \(event.scanStatus), \(event.uploadedBy),
                   \(event.storedAt)
            FROM declaration WHERE id = \(event.claimId)
            ON CONFLICT (document_id) DO NOTHING
            RETURNING (SELECT state FROM declaration WHERE id = \(event.claimId))
            """,
            logger: context.logger
        )
        var state: String?
        for try await value in rows.decode(String.self) { state = value }
        guard let state, state != "draft", event.scanStatus == "clean" else { return }
        try await context.outbox.append(
            DeclarationAttachmentAdded(
                declarationId: event.claimId,
                attachment: DocumentReference(id: event.documentId, type: event.type),
                addedAt: event.storedAt
            )
        )
    }
}

/// The question may not have reached liaison yet (the file was uploaded right after it was asked): retried until it
/// has.
private struct QueryNotYetKnown: Error {}

extension AttachmentStoredHandler {
    fileprivate static func joinQuery(_ event: DocumentStored, _ context: HandlerContext) async throws {
        let rows = try await context.connection.query(
            "SELECT 1 FROM investigator_query WHERE id = \(event.claimId)",
            logger: context.logger
        )
        var known = false
        for try await _ in rows { known = true }
        guard known else { throw QueryNotYetKnown() }
        try await context.connection.query(
            """
            INSERT INTO query_attachment (document_id, query_id, file_name, scan_status, uploaded_at)
            VALUES (\(event.documentId), \(event.claimId), \(event.fileName), \(event.scanStatus), \(event.storedAt))
            ON CONFLICT (document_id) DO NOTHING
            """,
            logger: context.logger
        )
    }
}

/// The deferred antivirus verdict of an attachment stored while the antivirus was down (a declaration's, or a
/// question's).
struct AttachmentScannedHandler: EventHandler {
    func handle(_ event: DocumentScanned, context: HandlerContext) async throws {
        try await context.connection.query(
            """
            UPDATE query_attachment SET scan_status = \(event.verdict)
            WHERE document_id = \(event.documentId) AND scan_status = 'scan_pending'
            """,
            logger: context.logger
        )
        let rows = try await context.connection.query(
            """
            UPDATE declaration_attachment a SET scan_status = \(event.verdict)
            FROM declaration d
            WHERE a.document_id = \(event.documentId) AND a.scan_status = 'scan_pending' AND d.id = a.declaration_id
            RETURNING a.declaration_id, a.type, d.state
            """,
            logger: context.logger
        )
        for try await (declaration, type, state) in rows.decode((UUID, String, String).self)
        where state != "draft" && event.verdict == "clean" {
            try await context.outbox.append(
                DeclarationAttachmentAdded(
                    declarationId: declaration,
                    attachment: DocumentReference(id: event.documentId, type: type),
                    addedAt: event.scannedAt
                )
            )
        }
    }
}
