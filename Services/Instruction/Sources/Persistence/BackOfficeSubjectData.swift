import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO

/// What the back office holds about a claimant, found by their e-mail address: each claim not yet purged with its
/// notes, requests for information, decision, payment order, states, document reviews, undelivered messages and
/// agents' actions (access; the investigators' declaration and questions stay withheld, confidential to the judicial
/// procedure); or, for erasure, the closed claims purged at once (every service told), the claims still being
/// examined kept until their own retention ends.
struct BackOfficeSubjectData {
    let connection: PostgresConnection
    let logger: Logger

    func access(_ email: String) async throws -> (records: Int, data: String) {
        let rows = try await connection.query(
            """
            SELECT jsonb_build_object(
                'claim', to_jsonb(c) - 'search_text',
                'notes', (SELECT coalesce(jsonb_agg(to_jsonb(n) ORDER BY n.created_at), '[]') FROM claim_note n
                          WHERE n.claim_id = c.id),
                'information_requests', (SELECT coalesce(jsonb_agg(to_jsonb(r) ORDER BY r.requested_at), '[]')
                                         FROM information_request r WHERE r.claim_id = c.id),
                'decision', (SELECT to_jsonb(d) - 'payment_details_sealed' FROM decision d WHERE d.claim_id = c.id),
                'payment_order', (SELECT to_jsonb(p) FROM payment_order p WHERE p.claim_id = c.id),
                'states', (SELECT coalesce(jsonb_agg(jsonb_build_object('state', s.state, 'at', s.entered_at)
                                                     ORDER BY s.entered_at), '[]')
                           FROM claim_state_change s WHERE s.claim_id = c.id),
                'document_reviews', (SELECT coalesce(jsonb_agg(to_jsonb(d)), '[]') FROM claim_document d
                                     WHERE d.claim_id = c.id),
                'undelivered_messages', (SELECT coalesce(jsonb_agg(to_jsonb(u)), '[]') FROM claim_undelivered_message u
                                         WHERE u.claim_id = c.id),
                'agent_actions', (SELECT coalesce(jsonb_agg(jsonb_build_object('action', a.action, 'at', a.occurred_at)
                                                            ORDER BY a.occurred_at), '[]')
                                  FROM audit_entry a WHERE a.claim_id = c.id),
                'withheld', 'the investigators'' declaration and the questions to the unit: confidential to the judicial procedure'
            )::text
            FROM claim c WHERE lower(c.claimant_email) = \(email.lowercased()) AND c.purged_at IS NULL
            ORDER BY c.submitted_at
            """,
            logger: logger
        )
        var claims: [String] = []
        for try await json in rows.decode(String.self) { claims.append(json) }
        return (claims.count, "{\"claims\":[\(claims.joined(separator: ","))]}")
    }

    func erase(_ email: String, at now: Date, events: OutboxWriter) async throws -> (records: Int, data: String) {
        let rows = try await connection.query(
            """
            SELECT id, reference, state_entered_at, (snapshot->>'declarationId')::uuid,
                   status = ANY(\(ClaimRetentionPurge.finalStates))
            FROM claim WHERE lower(claimant_email) = \(email.lowercased()) AND purged_at IS NULL
            ORDER BY submitted_at FOR UPDATE
            """,
            logger: logger
        )
        var closed: [(ClaimRetentionPurge.Expired, UUID?)] = []
        var kept: [String] = []
        for try await (id, reference, at, declaration, isClosed) in rows.decode((UUID, String, Date, UUID?, Bool).self)
        {
            if isClosed {
                closed.append((.init(id: id, reference: reference, closedAt: at), declaration))
            } else {
                kept.append(reference)
            }
        }
        for (claim, declaration) in closed {
            try await ClaimRetentionPurge.expire(
                claim,
                declaration: declaration,
                at: now,
                on: connection,
                events: events,
                logger: logger
            )
        }
        let purged = closed.map { "\"\($0.0.reference)\"" }.joined(separator: ",")
        let open = kept.map { "\"\($0)\"" }.joined(separator: ",")
        return (closed.count, "{\"claims_purged\":[\(purged)],\"claims_kept_while_examined\":[\(open)]}")
    }
}
