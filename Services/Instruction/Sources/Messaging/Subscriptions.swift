import Contracts
import Foundation
import Messaging
import PostgresNIO

/// The events instruction consumes.
enum InstructionSubscriptions {
    static func all() -> [Subscription] {
        [Subscription(ClaimSubmittedHandler())]
    }
}

/// A submitted claim enters the back office, waiting for attribution.
struct ClaimSubmittedHandler: EventHandler {
    func handle(_ event: ClaimSubmitted, context: HandlerContext) async throws {
        try await context.connection.query(
            """
            INSERT INTO claim (id, reference, status, claimant_first_name, claimant_last_name, door_break_date,
                               postal_code, commune, department, submitted_at)
            VALUES (\(event.claimId), \(event.reference), \(ClaimState.toAssign.rawValue), \(event.claimant.firstName),
                    \(event.claimant.lastName), \(event.doorBreak.date)::date, \(event.doorBreak.postalCode),
                    \(event.doorBreak.commune), \(Department.of(postalCode: event.doorBreak.postalCode)), \(event.submittedAt))
            ON CONFLICT (id) DO NOTHING
            """,
            logger: context.logger
        )
    }
}
