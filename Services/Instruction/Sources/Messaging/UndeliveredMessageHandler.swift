import Contracts
import Foundation
import Messaging
import PostgresNIO

/// A message to the claimant was refused for good by their provider: the claim's history tells the agents, so that
/// they reach the claimant another way. Retried until the claim itself has reached the back office.
struct UndeliveredMessageHandler: EventHandler {
    struct ClaimNotYetKnown: Error {}

    func handle(_ event: NotificationFailed, context: HandlerContext) async throws {
        guard let claimId = event.claimId, event.audience == .claimant else { return }
        let rows = try await context.connection.query(
            """
            INSERT INTO claim_undelivered_message (claim_id, template, channel, failed_at)
            SELECT id, \(event.template), \(event.channel), \(event.failedAt) FROM claim WHERE id = \(claimId)
            RETURNING claim_id
            """,
            logger: context.logger
        )
        for try await _ in rows.decode(UUID.self) { return }
        throw ClaimNotYetKnown()
    }
}
