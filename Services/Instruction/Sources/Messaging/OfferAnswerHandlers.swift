import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO

/// The claimant accepted the offer (T9): the acceptance is to be verified by the rédacteur.
struct OfferAcceptedHandler: EventHandler {
    func handle(_ event: OfferAccepted, context: HandlerContext) async throws {
        try await OfferAnswer.record(
            claim: event.claimId,
            accepting: true,
            at: event.acceptedAt,
            reason: nil,
            counterProposal: nil,
            on: context.connection,
            logger: context.logger
        )
        if let details = event.paymentDetails {
            try await context.connection.query(
                """
                UPDATE decision SET payment_details_key_id = \(details.keyId), payment_details_sealed = \(details.sealed)
                WHERE claim_id = \(event.claimId) AND claimant_answer = 'accepted'
                """,
                logger: context.logger
            )
        }
    }
}

/// The claimant refused the offer: the claim goes back to its rédacteur with the reason and counter-proposal.
struct OfferRefusedHandler: EventHandler {
    func handle(_ event: OfferRefused, context: HandlerContext) async throws {
        try await OfferAnswer.record(
            claim: event.claimId,
            accepting: false,
            at: event.refusedAt,
            reason: event.reason,
            counterProposal: event.counterProposalCents,
            on: context.connection,
            logger: context.logger
        )
    }
}

enum OfferAnswer {
    /// Moves the claim if it still awaits the answer (a late or repeated answer changes nothing).
    static func record(
        claim: UUID,
        accepting: Bool,
        at date: Date,
        reason: String?,
        counterProposal: Int?,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        let rows = try await connection.query(
            "SELECT status FROM claim WHERE id = \(claim) FOR UPDATE",
            logger: logger
        )
        var current: ClaimState?
        for try await status in rows.decode(String.self) { current = ClaimState(rawValue: status) }
        guard let current, let next = ClaimLifecycle.claimantAnswered(accepting: accepting, from: current) else {
            logger.notice("offer answer ignored", metadata: ["claim.id": "\(claim)"])
            return
        }
        try await connection.query(
            "UPDATE claim SET status = \(next.rawValue), state_entered_at = \(date) WHERE id = \(claim)",
            logger: logger
        )
        try await connection.query(
            "INSERT INTO claim_state_change (claim_id, state, entered_at) VALUES (\(claim), \(next.rawValue), \(date))",
            logger: logger
        )
        try await connection.query(
            """
            UPDATE decision SET claimant_answer = \(accepting ? "accepted" : "refused"), claimant_answered_at = \(date),
                refusal_reason = \(reason), counter_proposal_cents = \(counterProposal)
            WHERE claim_id = \(claim)
            """,
            logger: logger
        )
    }
}
