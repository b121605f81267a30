import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO
import ServiceKit
import ServiceLifecycle

/// Reminds claimants of what waits for them (`ClaimantReminder`, e-mailed by notification): a draft left alone for
/// a week (again after each new week of silence), a request for information due within two days, an offer whose
/// answer is due within a week (once each). Safe with several replicas: each reminder is claimed with its event in
/// one transaction.
struct ClaimantReminderScheduler: Service {
    let outbox: TransactionalOutbox
    let logger: Logger
    var interval: Duration = .seconds(600)
    var clock: @Sendable () -> Date = { Date() }

    static let draftIdle: TimeInterval = 7 * 86_400
    static let informationWarningDays = 2
    static let offerWarningDays = 7

    func run() async throws {
        await repeatUntilShutdown(every: interval, logger: logger, failure: "claimant reminders not sent") {
            try await tick()
        }
    }

    /// Publishes the reminders now due; returns how many.
    @discardableResult
    func tick() async throws -> Int {
        var published = 0
        for kind in [ClaimantReminder.Kind.draftIdle, .informationDue, .offerAwaiting] {
            while try await remindOne(kind) { published += 1 }
        }
        return published
    }

    /// Claims the next reminder of a kind and publishes it; false when none is due.
    private func remindOne(_ kind: ClaimantReminder.Kind) async throws -> Bool {
        let now = clock()
        return try await outbox.transaction(context: MessageContext(), logger: logger) { connection, events in
            let rows = try await connection.query(query(kind, now: now), logger: logger)
            for try await (claim, reference, email, firstName, dueOn) in rows.decode(
                (UUID, String?, String, String, String?).self
            ) {
                try await events.append(
                    ClaimantReminder(
                        kind: kind,
                        claimId: claim,
                        reference: reference,
                        email: email,
                        firstName: firstName,
                        dueOn: dueOn,
                        remindedAt: now
                    ),
                    at: now
                )
                return true
            }
            return false
        }
    }

    private func query(_ kind: ClaimantReminder.Kind, now: Date) -> PostgresQuery {
        let today = ParisTime.isoDay(of: now)
        switch kind {
        case .draftIdle:
            return """
                WITH due AS (
                    SELECT c.id FROM claim c
                    WHERE c.status = \(ClaimState.draft) AND c.updated_at < \(now.addingTimeInterval(-Self.draftIdle))
                      AND (c.draft_reminded_at IS NULL OR c.draft_reminded_at < c.updated_at)
                    ORDER BY c.updated_at LIMIT 1 FOR UPDATE SKIP LOCKED
                ), reminded AS (
                    UPDATE claim c SET draft_reminded_at = \(now) FROM due WHERE c.id = due.id
                    RETURNING c.id, c.account_id, c.answers
                )
                SELECT r.id, NULL::text, a.email, coalesce(r.answers->>'firstName', ''), NULL::text
                FROM reminded r JOIN claimant_account a ON a.id = r.account_id
                """
        case .informationDue:
            let soon = ParisTime.isoDay(of: now.addingTimeInterval(Double(Self.informationWarningDays) * 86_400))
            return """
                WITH due AS (
                    SELECT r.id FROM information_request r
                    WHERE r.answered_at IS NULL AND r.reminded_at IS NULL
                      AND r.due_on BETWEEN \(today)::date AND \(soon)::date
                    ORDER BY r.due_on LIMIT 1 FOR UPDATE SKIP LOCKED
                ), reminded AS (
                    UPDATE information_request r SET reminded_at = \(now) FROM due WHERE r.id = due.id
                    RETURNING r.claim_id, r.due_on
                )
                SELECT c.id, c.reference, c.claimant_email, coalesce(c.claimant_first_name, ''),
                       to_char(r.due_on, 'YYYY-MM-DD')
                FROM reminded r JOIN claim c ON c.id = r.claim_id
                """
        case .offerAwaiting:
            let soon = ParisTime.isoDay(of: now.addingTimeInterval(Double(Self.offerWarningDays) * 86_400))
            return """
                WITH due AS (
                    SELECT d.claim_id FROM decision d
                    WHERE d.kind = 'offer' AND d.answer IS NULL AND d.reminded_at IS NULL
                      AND d.answer_by BETWEEN \(today)::date AND \(soon)::date
                    ORDER BY d.answer_by LIMIT 1 FOR UPDATE SKIP LOCKED
                ), reminded AS (
                    UPDATE decision d SET reminded_at = \(now) FROM due WHERE d.claim_id = due.claim_id
                    RETURNING d.claim_id, d.answer_by
                )
                SELECT c.id, c.reference, c.claimant_email, coalesce(c.claimant_first_name, ''),
                       to_char(r.answer_by, 'YYYY-MM-DD')
                FROM reminded r JOIN claim c ON c.id = r.claim_id
                """
        }
    }
}
