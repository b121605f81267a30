import Contracts
import Foundation
import Messaging
import Persistence
import PostgresNIO

/// A declaration no claim took up reached the end of its retention: the back office's copy (facts, procedure,
/// address) goes, and the purge is recorded.
struct DeclarationExpiredHandler: EventHandler {
    func handle(_ event: DeclarationExpired, context: HandlerContext) async throws {
        let id = event.declarationId
        try await RetentionLog.purge(
            "declaration",
            id,
            removing: [
                (
                    "declaration_attachment",
                    """
                    DELETE FROM declaration_attachment WHERE declaration_id = \(id)
                      AND NOT EXISTS (SELECT 1 FROM investigator_query q WHERE q.declaration_id = \(id))
                    """
                ),
                (
                    "declaration",
                    """
                    DELETE FROM declaration d WHERE d.id = \(id)
                      AND NOT EXISTS (SELECT 1 FROM investigator_query q WHERE q.declaration_id = d.id)
                    """
                ),
            ],
            on: context.connection,
            logger: context.logger
        )
    }
}
