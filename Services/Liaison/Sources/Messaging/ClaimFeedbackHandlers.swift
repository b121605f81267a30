import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO

/// The claimant filed the claim the declaration was attached to: the unit sees its reference and that it was filed.
struct AttachedClaimSubmittedHandler: EventHandler {
    func handle(_ event: ClaimSubmitted, context: HandlerContext) async throws {
        guard let declaration = event.declarationId else { return }
        try await context.connection.query(
            """
            UPDATE declaration SET state = 'linked', claim_id = \(event.claimId),
                linked_at = coalesce(linked_at, \(event.submittedAt))
            WHERE id = \(declaration) AND state IN ('submitted', 'linked')
            """,
            logger: context.logger
        )
        try await ClaimProgress.record(
            event.claimId,
            reference: event.reference,
            .submitted,
            at: event.submittedAt,
            context: context
        )
    }
}

/// A step of instruction: the claim's latest step moves on (never back, whatever the order of arrival).
struct ClaimFeedbackHandler<Event: EventContract>: EventHandler {
    let progress: @Sendable (Event) -> (claim: UUID, reference: String, outcome: ClaimOutcome, at: Date)

    func handle(_ event: Event, context: HandlerContext) async throws {
        let (claim, reference, outcome, at) = progress(event)
        try await ClaimProgress.record(claim, reference: reference, outcome, at: at, context: context)
    }
}

/// The latest step of every claim, kept whether or not a declaration is attached yet.
enum ClaimProgress {
    static func record(
        _ claim: UUID,
        reference: String,
        _ outcome: ClaimOutcome,
        at: Date,
        context: HandlerContext
    ) async throws {
        try await context.connection.query(
            """
            INSERT INTO claim_progress (claim_id, reference, outcome, outcome_at)
            VALUES (\(claim), \(reference), \(outcome.rawValue), \(at))
            ON CONFLICT (claim_id) DO UPDATE SET outcome = EXCLUDED.outcome, outcome_at = EXCLUDED.outcome_at
            WHERE claim_progress.outcome_at <= EXCLUDED.outcome_at
            """,
            logger: context.logger
        )
    }
}

extension LiaisonSubscriptions {
    /// The claim steps a unit follows.
    static func feedback() -> [Subscription] {
        [
            Subscription(AttachedClaimSubmittedHandler()),
            Subscription(
                ClaimFeedbackHandler<InstructionStarted> { ($0.claimId, $0.reference, .inInstruction, $0.startedAt) }
            ),
            Subscription(ClaimFeedbackHandler<OfferSent> { ($0.claimId, $0.reference, .offered, $0.sentAt) }),
            Subscription(ClaimFeedbackHandler<ClaimRejected> { ($0.claimId, $0.reference, .rejected, $0.rejectedAt) }),
            Subscription(ClaimFeedbackHandler<ClaimPaid> { ($0.claimId, $0.reference, .paid, $0.recordedAt) }),
            Subscription(ClaimFeedbackHandler<ClaimClosed> { ($0.claimId, $0.reference, .closed, $0.closedAt) }),
        ]
    }
}
