import Contracts
import Foundation
import Logging
import Messaging
import Persistence
import PostgresNIO

/// Every agent action on a claim as one transaction: the claim row is locked, the lifecycle is checked against
/// its current state and assignee, then the action's own writes, the state change, the audit entry and the
/// events commit together — or nothing does.
struct ClaimWorkflow: Sendable {
    let outbox: TransactionalOutbox
    let logger: Logger
    let clock: @Sendable () -> Date
    /// Opens the bank details an accepted offer carried, to draft the payment order (PAYMENT_DETAILS_KEY).
    var paymentCipher: FieldCipher? = nil

    /// The claim as it was when locked.
    struct LockedClaim: Sendable {
        var id: UUID
        var reference: String
        var state: ClaimState
        var assigneeId: UUID?
    }

    /// What an action's own writes work with, inside the transaction.
    struct Step {
        let claim: LockedClaim
        let next: ClaimState
        let agent: Agent
        let now: Date
        let connection: PostgresConnection
        let events: OutboxWriter
        let logger: Logger
        /// Identifiers and codes written to the audit entry (never personal data).
        var audit: [String: String] = [:]
    }

    /// Runs `action` on the claim for `agent`; throws `ClaimNotFound`, a `ClaimLifecycle.Refusal` or the effect's
    /// own error, each after a full rollback.
    func perform(
        _ action: ClaimAction,
        on claimId: UUID,
        by agent: Agent,
        context: MessageContext,
        effect: (inout Step) async throws -> Void = { _ in }
    ) async throws {
        let now = clock()
        try await outbox.transaction(context: context, logger: logger) { connection, events in
            let claim = try await lock(claimId, on: connection)
            let facts = ClaimLifecycle.Claim(state: claim.state, assigneeId: claim.assigneeId)
            let next = try ClaimLifecycle.outcome(of: action, on: facts, by: agent).get()
            var step = Step(
                claim: claim,
                next: next,
                agent: agent,
                now: now,
                connection: connection,
                events: events,
                logger: logger
            )
            try await effect(&step)
            if next != claim.state {
                try await connection.query(
                    "UPDATE claim SET status = \(next.rawValue), state_entered_at = \(now) WHERE id = \(claimId)",
                    logger: logger
                )
                try await connection.query(
                    """
                    INSERT INTO claim_state_change (claim_id, state, entered_at, agent_id)
                    VALUES (\(claimId), \(next.rawValue), \(now), \(agent.id))
                    """,
                    logger: logger
                )
            }
            let detail = String(decoding: try JSONEncoder().encode(step.audit), as: UTF8.self)
            try await connection.query(
                """
                INSERT INTO audit_entry (occurred_at, agent_id, action, claim_id, from_state, to_state, detail)
                VALUES (\(now), \(agent.id), \(action.rawValue), \(claimId), \(claim.state.rawValue), \(next.rawValue), \(detail)::jsonb)
                """,
                logger: logger
            )
        }
        logger.info(
            "claim action",
            metadata: ["claim.id": "\(claimId)", "agent.id": "\(agent.id)", "action": "\(action.rawValue)"]
        )
    }

    private func lock(_ claimId: UUID, on connection: PostgresConnection) async throws -> LockedClaim {
        let rows = try await connection.query(
            "SELECT reference, status, assignee_id FROM claim WHERE id = \(claimId) FOR UPDATE",
            logger: logger
        )
        for try await (reference, status, assigneeId) in rows.decode((String, String, UUID?).self) {
            guard let state = ClaimState(rawValue: status) else { break }
            return LockedClaim(id: claimId, reference: reference, state: state, assigneeId: assigneeId)
        }
        throw ClaimNotFound()
    }
}

/// No claim has this id.
struct ClaimNotFound: Error {}

extension ClaimWorkflow.Step {
    /// Tells every active validator but the author that `subject` waits for their signature.
    func requestSignature(of subject: SignatureRequested.Subject) async throws {
        try await events.append(
            SignatureRequested(
                claimId: claim.id,
                reference: claim.reference,
                subject: subject,
                signers: try await AgentDirectory.contacts(
                    holding: .validateur,
                    except: agent.id,
                    on: connection,
                    logger: logger
                ),
                requestedAt: now
            ),
            at: now
        )
    }
}
