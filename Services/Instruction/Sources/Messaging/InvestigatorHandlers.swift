import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO

/// Keeps an investigators' declaration, shown in the claim that attaches it, with its procedure and the unit to ask.
struct DeclarationSubmittedHandler: EventHandler {
    func handle(_ event: DeclarationSubmitted, context: HandlerContext) async throws {
        try await Self.record(event, on: context.connection, logger: context.logger)
    }

    static func record(_ event: DeclarationSubmitted, on connection: PostgresConnection, logger: Logger) async throws {
        let procedure = event.procedure
        try await connection.query(
            """
            INSERT INTO declaration (id, unit_code, force, operational_error, facts, operation_date, street_address,
                                     postal_code, commune, procedure_number, investigating_service, service_phone,
                                     court, magistrate, submitted_at)
            VALUES (\(event.declarationId), \(event.unitCode), \(event.force), \(event.operationalError), \(event.facts),
                    \(event.operationDate)::date, \(event.address.streetAddress), \(event.address.postalCode),
                    \(event.address.commune), \(procedure.number), \(procedure.investigatingService),
                    \(procedure.servicePhone), \(procedure.court), \(procedure.magistrate), \(event.submittedAt))
            ON CONFLICT (id) DO NOTHING
            """,
            logger: logger
        )
        for attachment in event.attachments ?? [] {
            try await connection.query(
                """
                INSERT INTO declaration_attachment (document_id, declaration_id, type)
                VALUES (\(attachment.id), \(event.declarationId), \(attachment.type))
                ON CONFLICT (document_id) DO NOTHING
                """,
                logger: logger
            )
        }
    }
}

/// The unit answered: the answer joins the question on the claim's page (the first answer counts).
struct InvestigatorQueryAnsweredHandler: EventHandler {
    func handle(_ event: InvestigatorQueryAnswered, context: HandlerContext) async throws {
        try await Self.record(event, on: context.connection, logger: context.logger)
    }

    static func record(_ event: InvestigatorQueryAnswered, on connection: PostgresConnection, logger: Logger)
        async throws
    {
        try await connection.query(
            """
            UPDATE investigator_query SET answer = \(event.answer), answered_by = \(event.answeredBy),
                answered_at = \(event.answeredAt)
            WHERE id = \(event.queryId) AND answered_at IS NULL
            """,
            logger: logger
        )
    }
}

/// The unit attached a file to its declaration after submitting it: it joins the claims that show the declaration.
struct DeclarationAttachmentAddedHandler: EventHandler {
    func handle(_ event: DeclarationAttachmentAdded, context: HandlerContext) async throws {
        try await context.connection.query(
            """
            INSERT INTO declaration_attachment (document_id, declaration_id, type)
            SELECT \(event.attachment.id), id, \(event.attachment.type) FROM declaration WHERE id = \(event.declarationId)
            ON CONFLICT (document_id) DO NOTHING
            """,
            logger: context.logger
        )
    }
}

/// A file a rédacteur joined to a question to the unit is stored: it is listed under the question. Other uploads
/// are none of instruction's business here.
struct QueryAttachmentStoredHandler: EventHandler {
    func handle(_ event: DocumentStored, context: HandlerContext) async throws {
        guard event.type == InvestigatorQuerySent.attachmentType else { return }
        try await context.connection.query(
            """
            INSERT INTO investigator_query_attachment (document_id, query_id, file_name, scan_status, uploaded_by,
                                                       uploaded_at)
            SELECT \(event.documentId), id, \(event.fileName), \(event.scanStatus), \(event.uploadedBy), \(event.storedAt)
            FROM investigator_query WHERE id = \(event.claimId)
            ON CONFLICT (document_id) DO NOTHING
            """,
            logger: context.logger
        )
    }
}

/// A question's file kept apart while the antivirus was unreachable got its verdict.
struct QueryAttachmentScannedHandler: EventHandler {
    func handle(_ event: DocumentScanned, context: HandlerContext) async throws {
        try await context.connection.query(
            """
            UPDATE investigator_query_attachment SET scan_status = \(event.verdict)
            WHERE document_id = \(event.documentId) AND scan_status = 'scan_pending'
            """,
            logger: context.logger
        )
    }
}
