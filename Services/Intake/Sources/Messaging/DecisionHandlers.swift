import Contracts
import Foundation
import Messaging
import PostgresNIO

/// A signed offer reached the claimant: they may accept or refuse it from the claim's page.
struct OfferSentHandler: EventHandler {
    func handle(_ event: OfferSent, context: HandlerContext) async throws {
        let breakdown = String(decoding: try ContractCoding.encoder().encode(event.breakdown), as: UTF8.self)
        try await DecisionRecord.save(
            claim: event.claimId,
            kind: "offer",
            amount: event.amountCents,
            words: event.amountInWords,
            breakdown: breakdown,
            letter: event.letter,
            answerBy: event.answerBy,
            at: event.sentAt,
            context: context
        )
        try await ClaimProgress.move(event.claimId, to: "OK_A_APPROUVER", at: event.sentAt, context: context)
        try await ClaimProgress.addToTimeline(event.claimId, "offer-sent", at: event.sentAt, context: context)
    }
}

/// A signed rejection reached the claimant: the letter says why and how to contest it.
struct ClaimRejectedHandler: EventHandler {
    func handle(_ event: ClaimRejected, context: HandlerContext) async throws {
        try await DecisionRecord.save(
            claim: event.claimId,
            kind: "rejection",
            amount: nil,
            words: nil,
            breakdown: nil,
            letter: event.letter,
            answerBy: nil,
            at: event.rejectedAt,
            context: context
        )
        try await ClaimProgress.move(event.claimId, to: "KO_REJETE", at: event.rejectedAt, context: context)
        try await ClaimProgress.addToTimeline(event.claimId, "rejected", at: event.rejectedAt, context: context)
    }
}

enum DecisionRecord {
    static func save(
        claim: UUID,
        kind: String,
        amount: Int?,
        words: String?,
        breakdown: String?,
        letter: DecisionLetter,
        answerBy: String?,
        at date: Date,
        context: HandlerContext
    ) async throws {
        let letterJSON = String(decoding: try ContractCoding.encoder().encode(letter), as: UTF8.self)
        try await context.connection.query(
            """
            INSERT INTO decision (claim_id, kind, amount_cents, amount_in_words, breakdown, letter, answer_by, decided_at)
            SELECT id, \(kind), \(amount), \(words), \(breakdown)::jsonb, \(letterJSON)::jsonb, \(answerBy)::date, \(date)
            FROM claim WHERE id = \(claim)
            ON CONFLICT (claim_id) DO UPDATE SET kind = EXCLUDED.kind, amount_cents = EXCLUDED.amount_cents,
                amount_in_words = EXCLUDED.amount_in_words, breakdown = EXCLUDED.breakdown, letter = EXCLUDED.letter,
                answer_by = EXCLUDED.answer_by, decided_at = EXCLUDED.decided_at, answer = NULL, answered_at = NULL,
                refusal_reason = NULL, counter_proposal_cents = NULL
            WHERE decision.decided_at < EXCLUDED.decided_at
            """,
            logger: context.logger
        )
    }
}

/// The payment order went to the budget office: the claimant's timeline says the transfer is on its way.
struct PaymentTransmittedHandler: EventHandler {
    func handle(_ event: PaymentTransmitted, context: HandlerContext) async throws {
        try await ClaimProgress.move(
            event.claimId,
            to: "OK_EN_ATTENTE_PAIEMENT",
            at: event.transmittedAt,
            context: context
        )
        try await ClaimProgress.addToTimeline(
            event.claimId,
            "payment-transmitted",
            at: event.transmittedAt,
            context: context
        )
    }
}

/// The transfer was made: the claim is paid.
struct ClaimPaidHandler: EventHandler {
    func handle(_ event: ClaimPaid, context: HandlerContext) async throws {
        try await ClaimProgress.move(event.claimId, to: "OK_INDEMNISE", at: event.recordedAt, context: context)
        try await ClaimProgress.addToTimeline(event.claimId, "paid", at: event.recordedAt, context: context)
    }
}
