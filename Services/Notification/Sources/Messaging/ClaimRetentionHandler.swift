import Contracts
import Foundation
import Messaging
import Persistence
import PostgresNIO

/// A claim's retention ended: whom to write to about it (names and addresses) and the log of what was sent about it
/// (recipients hashed) are deleted, and the purge recorded.
struct ClaimRetentionHandler: EventHandler {
    func handle(_ event: ClaimRetentionExpired, context: HandlerContext) async throws {
        try await RetentionLog.purge(
            "claim",
            event.claimId,
            removing: [
                ("claim_contact", "DELETE FROM claim_contact WHERE claim_id = \(event.claimId)"),
                ("delivery", "DELETE FROM delivery WHERE claim_id = \(event.claimId)"),
            ],
            on: context.connection,
            logger: context.logger
        )
    }
}
