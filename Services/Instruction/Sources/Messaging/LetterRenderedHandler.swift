import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO

/// The PDF of a letter signed here was filed by documents: the claim's page links it (an unknown claim is ignored).
struct LetterRenderedHandler: EventHandler {
    func handle(_ event: LetterRendered, context: HandlerContext) async throws {
        try await Self.file(event, on: context.connection, logger: context.logger)
    }

    static func file(_ event: LetterRendered, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO signed_letter (document_id, claim_id, kind, seal, sha256, rendered_at)
            SELECT \(event.documentId), id, \(event.kind.rawValue), \(event.seal), \(event.sha256), \(event.renderedAt)
            FROM claim WHERE id = \(event.claimId)
            ON CONFLICT DO NOTHING
            """,
            logger: logger
        )
    }
}
