import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO

/// The events instruction consumes.
enum InstructionSubscriptions {
    static func all() -> [Subscription] {
        [
            Subscription(ClaimSubmittedHandler()), Subscription(ClaimCompletedHandler()),
            Subscription(OfferAcceptedHandler()), Subscription(OfferRefusedHandler()),
        ]
    }
}

/// A submitted claim enters the back office, waiting for attribution, with the snapshot agents read and the list
/// of documents they review.
struct ClaimSubmittedHandler: EventHandler {
    func handle(_ event: ClaimSubmitted, context: HandlerContext) async throws {
        try await Self.record(event, on: context.connection, logger: context.logger)
    }

    /// Files the claim in the back office; a claim already filed is left as it is.
    static func record(_ event: ClaimSubmitted, on connection: PostgresConnection, logger: Logger) async throws {
        let snapshot = String(decoding: try ContractCoding.encoder().encode(event), as: UTF8.self)
        let claimant = event.claimant
        let inserted = try await connection.query(
            """
            INSERT INTO claim (id, reference, status, claimant_first_name, claimant_last_name, door_break_date,
                               postal_code, commune, department, submitted_at, state_entered_at, snapshot,
                               claimant_email, search_text)
            VALUES (\(event.claimId), \(event.reference), \(ClaimState.toAssign.rawValue), \(claimant.firstName),
                    \(claimant.lastName), \(event.doorBreak.date)::date, \(event.doorBreak.postalCode),
                    \(event.doorBreak.commune), \(Department.of(postalCode: event.doorBreak.postalCode)), \(event.submittedAt),
                    \(event.submittedAt), \(snapshot)::jsonb, \(claimant.email.lowercased()),
                    \(SearchText.fold(event.reference, claimant.firstName, claimant.lastName, claimant.birthName, event.legalEntity?.name)))
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """,
            logger: logger
        )
        guard try await inserted.collect().count == 1 else { return }
        try await connection.query(
            """
            INSERT INTO claim_state_change (claim_id, state, entered_at)
            VALUES (\(event.claimId), \(ClaimState.toAssign.rawValue), \(event.submittedAt))
            """,
            logger: logger
        )
        for document in event.documents ?? [] {
            try await connection.query(
                """
                INSERT INTO claim_document (claim_id, document_id, type) VALUES (\(event.claimId), \(document.id), \(document.type))
                ON CONFLICT DO NOTHING
                """,
                logger: logger
            )
        }
    }
}
