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
            Subscription(NoticeRenderedHandler()),
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
