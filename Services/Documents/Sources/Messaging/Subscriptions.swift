import Contracts
import Foundation
import Messaging
import PostgresNIO

/// The events documents consumes.
enum DocumentsSubscriptions {
    static func all() -> [Subscription] {
        [Subscription(ClaimSubmittedHandler())]
    }
}

/// A submitted claim gets its document folder (receipt and letters will be filed there).
struct ClaimSubmittedHandler: EventHandler {
    func handle(_ event: ClaimSubmitted, context: HandlerContext) async throws {
        try await context.connection.query(
            "INSERT INTO claim_folder (claim_id, reference) VALUES (\(event.claimId), \(event.reference)) ON CONFLICT DO NOTHING",
            logger: context.logger
        )
    }
}
