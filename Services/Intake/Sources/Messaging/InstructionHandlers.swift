import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO

/// Instruction started examining the claim: its status moves on and the claimant's timeline says so.
struct InstructionStartedHandler: EventHandler {
    func handle(_ event: InstructionStarted, context: HandlerContext) async throws {
        try await ClaimProgress.move(event.claimId, to: "EN_INSTRUCTION", at: event.startedAt, context: context)
        try await ClaimProgress.addToTimeline(
            event.claimId,
            "instruction-started",
            at: event.startedAt,
            context: context
        )
    }
}

/// The office asked the claimant for documents or information: kept for the claim's page, with the deadline.
struct InformationRequestedHandler: EventHandler {
    func handle(_ event: InformationRequested, context: HandlerContext) async throws {
        try await context.connection.query(
            """
            INSERT INTO information_request (id, claim_id, document_types, message, due_on, requested_at)
            SELECT \(event.requestId), id, \(event.documentTypes), \(event.message), \(event.dueOn)::date, \(event.requestedAt)
            FROM claim WHERE id = \(event.claimId)
            ON CONFLICT (id) DO NOTHING
            """,
            logger: context.logger
        )
        try await ClaimProgress.addToTimeline(
            event.claimId,
            "information-requested",
            at: event.requestedAt,
            context: context
        )
    }
}

/// The claim was closed without a decision: the claimant reads why on the claim's page.
struct ClaimClosedHandler: EventHandler {
    func handle(_ event: ClaimClosed, context: HandlerContext) async throws {
        try await ClaimProgress.move(event.claimId, to: "CLOTURE", at: event.closedAt, context: context)
        try await context.connection.query(
            "UPDATE claim SET closure_explanation = \(event.explanation) WHERE id = \(event.claimId)",
            logger: context.logger
        )
        try await ClaimProgress.addToTimeline(event.claimId, "closed", at: event.closedAt, context: context)
    }
}

/// How instruction's events move a claim on the claimant's side.
enum ClaimProgress {
    /// Sets the state unless a later event already moved it (events of one claim may arrive out of order).
    static func move(_ claim: UUID, to state: String, at date: Date, context: HandlerContext) async throws {
        try await context.connection.query(
            """
            UPDATE claim SET status = \(state), status_changed_at = \(date)
            WHERE id = \(claim) AND status <> 'A_FINALISER' AND (status_changed_at IS NULL OR status_changed_at <= \(date))
            """,
            logger: context.logger
        )
    }

    /// Adds an entry to the claim's history, once per message (a claim intake does not hold gets none).
    static func addToTimeline(_ claim: UUID, _ kind: String, at date: Date, context: HandlerContext) async throws {
        try await context.connection.query(
            """
            INSERT INTO claim_timeline_entry (claim_id, kind, occurred_at, source_message_id)
            SELECT id, \(kind), \(date), \(context.envelope.messageId) FROM claim WHERE id = \(claim)
            ON CONFLICT (source_message_id) DO NOTHING
            """,
            logger: context.logger
        )
    }
}
