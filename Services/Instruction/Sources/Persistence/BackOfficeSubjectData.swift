import Contracts
import Foundation
import Logging
import Messaging
import Persistence
import PostgresNIO

/// What the back office holds about a claimant, found by their e-mail address: each claim not yet purged with its
/// notes, requests for information, decision, payment order, states, document reviews, undelivered messages and
/// agents' actions (access; the investigators' declaration and questions stay withheld, confidential to the judicial
/// procedure); or, for erasure, the closed claims purged at once (every service told), the claims still being
/// examined kept until their own retention ends.
struct BackOfficeSubjectData {
    let connection: PostgresConnection
    let logger: Logger

    /// What the access answer gives of each table, and why the others are not given.
    static let inventory = PersonalDataInventory(
        reported: [
            "claim": ["search_text"],
            // Sealed copy of the bank details that intake's answer gives in clear.
            "decision": ["payment_details_sealed"],
            "claim_note": [], "information_request": [], "payment_order": [], "claim_state_change": [],
            "claim_document": [], "claim_undelivered_message": [], "signed_letter": [],
            // The agents' actions on the claim; what they note in `detail` is codes and identifiers.
            "audit_entry": ["detail"],
        ],
        notReported: [
            "declaration": Self.confidential, "declaration_attachment": Self.confidential,
            "investigator_query": Self.confidential, "investigator_query_attachment": Self.confidential,
            "agent": "the agents' accounts", "digest_sent": "the agents' daily digests",
            "web_session": "the agents' sessions", "throttle_hit": "the agents' failed sign-ins",
            "oidc_sign_in": "the agents' sign-ins in progress", "principal_sign_in": "the agents' last sign-ins",
            "subject_request": "the register of data protection requests, kept as proof that they were answered",
            "subject_request_report": "the answers themselves, given to the person",
        ]
    )
    private static let confidential = "the investigators' declaration and questions: confidential to the procedure"

    func access(_ email: String) async throws -> (records: Int, data: String) {
        let inventory = Self.inventory
        let rows = try await connection.query(
            """
            SELECT jsonb_build_object(
                'claim', \(unescaped: inventory.row("claim", as: "c")),
                'notes', (SELECT coalesce(jsonb_agg(\(unescaped: inventory.row("claim_note", as: "n"))
                                                   ORDER BY n.created_at), '[]')
                          FROM claim_note n WHERE n.claim_id = c.id),
                'information_requests', (SELECT coalesce(jsonb_agg(\(unescaped: inventory.row("information_request", as: "r"))
                                                                  ORDER BY r.requested_at), '[]')
                                         FROM information_request r WHERE r.claim_id = c.id),
                'decision', (SELECT \(unescaped: inventory.row("decision", as: "d")) FROM decision d
                             WHERE d.claim_id = c.id),
                'payment_order', (SELECT \(unescaped: inventory.row("payment_order", as: "p")) FROM payment_order p
                                  WHERE p.claim_id = c.id),
                'signed_letters', (SELECT coalesce(jsonb_agg(\(unescaped: inventory.row("signed_letter", as: "l"))
                                                            ORDER BY l.rendered_at), '[]')
                                   FROM signed_letter l WHERE l.claim_id = c.id),
                'states', (SELECT coalesce(jsonb_agg(\(unescaped: inventory.row("claim_state_change", as: "s"))
                                                    ORDER BY s.entered_at), '[]')
                           FROM claim_state_change s WHERE s.claim_id = c.id),
                'document_reviews', (SELECT coalesce(jsonb_agg(\(unescaped: inventory.row("claim_document", as: "d"))),
                                                     '[]')
                                     FROM claim_document d WHERE d.claim_id = c.id),
                'undelivered_messages', (SELECT coalesce(jsonb_agg(\(unescaped: inventory.row("claim_undelivered_message", as: "u"))),
                                                         '[]')
                                         FROM claim_undelivered_message u WHERE u.claim_id = c.id),
                'agent_actions', (SELECT coalesce(jsonb_agg(\(unescaped: inventory.row("audit_entry", as: "a"))
                                                           ORDER BY a.occurred_at), '[]')
                                  FROM audit_entry a WHERE a.claim_id = c.id),
                'withheld', \(Self.confidential)
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
