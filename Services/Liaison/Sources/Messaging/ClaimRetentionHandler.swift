import Contracts
import Foundation
import Messaging
import Persistence
import PostgresNIO

/// A claim's retention ended: the declaration that started it (the occupant's identity and address, the procedure),
/// the questions asked about it and their files, and what the unit was told of its outcome are deleted, and the
/// purge recorded. The unit's list no longer shows the declaration.
struct ClaimRetentionHandler: EventHandler {
    func handle(_ event: ClaimRetentionExpired, context: HandlerContext) async throws {
        let claim = event.claimId
        try await RetentionLog.purge(
            "claim",
            claim,
            removing: [
                (
                    "query_attachment",
                    "DELETE FROM query_attachment WHERE query_id IN (SELECT id FROM investigator_query WHERE claim_id = \(claim))"
                ),
                ("investigator_query", "DELETE FROM investigator_query WHERE claim_id = \(claim)"),
                (
                    "declaration_attachment",
                    """
                    DELETE FROM declaration_attachment WHERE declaration_id IN
                        (SELECT id FROM declaration WHERE claim_id = \(claim) OR id = \(event.declarationId))
                    """
                ),
                ("claim_progress", "DELETE FROM claim_progress WHERE claim_id = \(claim)"),
                ("declaration", "DELETE FROM declaration WHERE claim_id = \(claim) OR id = \(event.declarationId)"),
            ],
            on: context.connection,
            logger: context.logger
        )
    }
}
