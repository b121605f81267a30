import Contracts
import Foundation
import Messaging
import Persistence
import PostgresNIO

/// A claim's retention ended (instruction decides, a year after closure): intake deletes the claim with everything
/// attached to it and records it. The account stays until its own retention ends.
struct ClaimRetentionHandler: EventHandler {
    func handle(_ event: ClaimRetentionExpired, context: HandlerContext) async throws {
        let removed = try await context.connection.removals(
            ClaimantDataRemoval.claim(event.claimId),
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
