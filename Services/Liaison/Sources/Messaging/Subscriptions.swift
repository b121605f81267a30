import Contracts
import Foundation
import Messaging
import PostgresNIO

/// The events liaison consumes.
enum LiaisonSubscriptions {
    static func all() -> [Subscription] {
        [Subscription(DeclarationLinkedHandler())]
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
