import Contracts
import Foundation
import Messaging
import Persistence
import PostgresNIO

/// A claim's retention ended: whom to write to about it (names and addresses) and the log of what was sent about it
/// (recipients hashed) are deleted, and the purge recorded.
struct ClaimRetentionHandler: EventHandler {
    func handle(_ event: ClaimRetentionExpired, context: HandlerContext) async throws {
        let removed = try await context.connection.removals(
            [
                ("claim_contact", "DELETE FROM claim_contact WHERE claim_id = \(event.claimId)"),
                ("delivery", "DELETE FROM delivery WHERE claim_id = \(event.claimId)"),
            ],
            logger: context.logger
        )
        try await RetentionLog.record(
            "claim",
            event.claimId,
            at: Date(),
            detail: removed,
            on: context.connection,
            logger: context.logger
        )
    }
}
