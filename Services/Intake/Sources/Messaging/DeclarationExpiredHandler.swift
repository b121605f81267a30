import Contracts
import Foundation
import Messaging
import Persistence
import PostgresNIO

/// A declaration no claim took up reached the end of its retention: intake's copy (the occupant's identity and
/// contact, the address) and its pending confirmations go, and the purge is recorded.
struct DeclarationExpiredHandler: EventHandler {
    func handle(_ event: DeclarationExpired, context: HandlerContext) async throws {
        let id = event.declarationId
        try await RetentionLog.purge(
            "declaration",
            id,
            removing: [
                ("attach_challenge", "DELETE FROM attach_challenge WHERE declaration_id = \(id)"),
                (
                    "declaration",
                    """
                    DELETE FROM declaration d WHERE d.id = \(id) AND d.claim_id IS NULL
                      AND NOT EXISTS (SELECT 1 FROM claim c WHERE c.declaration_id = d.id)
                    """
                ),
            ],
            on: context.connection,
            logger: context.logger
        )
    }
}
