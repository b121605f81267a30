import Contracts
import Foundation
import Messaging
import PostgresNIO

/// The claimant answered a request: it is marked answered, with their message, and what they sent joins the
/// claim's documents to review.
struct ClaimCompletedHandler: EventHandler {
    func handle(_ event: ClaimCompletedByClaimant, context: HandlerContext) async throws {
        try await context.connection.query(
            """
            UPDATE information_request SET answered_at = \(event.answeredAt), answer_message = \(event.message)
            WHERE id = \(event.requestId) AND claim_id = \(event.claimId) AND answered_at IS NULL
            """,
            logger: context.logger
        )
        for document in event.documents {
            try await context.connection.query(
                """
                INSERT INTO claim_document (claim_id, document_id, type)
                SELECT id, \(document.id), \(document.type) FROM claim WHERE id = \(event.claimId)
                ON CONFLICT DO NOTHING
                """,
                logger: context.logger
            )
        }
    }
}
