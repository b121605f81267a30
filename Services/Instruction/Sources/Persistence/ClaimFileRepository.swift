import Contracts
import Foundation
import Hummingbird
import Logging
import PostgresNIO

/// Reads one claim's file for its page.
struct ClaimFileRepository: Sendable {
    let client: PostgresClient
    let logger: Logger

    func file(_ id: UUID) async throws -> ClaimFile? {
        guard var file = try await header(id) else { return nil }
        async let documents = documents(of: id)
        async let history = history(of: id)
        async let notes = notes(of: id)
        async let requests = informationRequests(of: id)
        async let others = otherClaims(than: id)
        async let decision = decision(of: id)
        async let order = paymentOrder(of: id)
        file.documents = try await documents
        file.history = try await history
        file.notes = try await notes
        file.informationRequests = try await requests
        file.otherClaims = try await others
        file.decision = try await decision
        file.paymentOrder = try await order
        return file
    }

    /// The state and assignee of a submitted claim, for a quick check before an action.
    func lifecycleFacts(_ id: UUID) async throws -> ClaimLifecycle.Claim? {
        let rows = try await client.query(
            "SELECT status, assignee_id FROM claim WHERE id = \(id) AND status <> 'A_FINALISER'",
            logger: logger
        )
        for try await (status, assignee) in rows.decode((String, UUID?).self) {
            return ClaimState(rawValue: status).map { ClaimLifecycle.Claim(state: $0, assigneeId: assignee) }
        }
        return nil
    }

    private func header(_ id: UUID) async throws -> ClaimFile? {
        let rows = try await client.query(
            """
            SELECT c.reference, c.status, c.state_entered_at, c.submitted_at, c.assignee_id, a.display_name, c.snapshot::text
            FROM claim c LEFT JOIN agent a ON a.id = c.assignee_id
            WHERE c.id = \(id) AND c.status <> 'A_FINALISER'
            """,
            logger: logger
        )
        for try await (reference, status, enteredAt, submittedAt, assigneeId, assigneeName, snapshot)
            in rows.decode((String, String, Date, Date, UUID?, String?, String?).self)
        {
            guard let state = ClaimState(rawValue: status) else { return nil }
            return ClaimFile(
                id: id,
                reference: reference,
                state: state,
                stateEnteredAt: enteredAt,
                submittedAt: submittedAt,
                assigneeId: assigneeId,
                assigneeName: assigneeName,
                snapshot: snapshot.flatMap {
                    try? ContractCoding.decoder().decode(ClaimSubmitted.self, from: Data($0.utf8))
                }
            )
        }
        return nil
    }

    private func documents(of id: UUID) async throws -> [ClaimFile.Document] {
        let rows = try await client.query(
            """
            SELECT d.document_id, d.type, d.verdict, d.reason, a.display_name
            FROM claim_document d LEFT JOIN agent a ON a.id = d.reviewed_by
            WHERE d.claim_id = \(id) ORDER BY d.type, d.document_id
            """,
            logger: logger
        )
        var documents: [ClaimFile.Document] = []
        for try await (documentId, type, verdict, reason, reviewer) in rows.decode(
            (UUID, String, String?, String?, String?).self
        ) {
            documents.append(
                .init(
                    id: documentId,
                    type: type,
                    verdict: verdict.flatMap(DocumentReviewInput.Verdict.init(rawValue:)),
                    reason: reason,
                    reviewer: reviewer
                )
            )
        }
        return documents
    }

    /// Agents' actions from the audit, and the moves made by the claimant or the platform.
    private func history(of id: UUID) async throws -> [ClaimFile.HistoryEntry] {
        let rows = try await client.query(
            """
            SELECT e.occurred_at, a.display_name, e.action, e.to_state
            FROM audit_entry e JOIN agent a ON a.id = e.agent_id WHERE e.claim_id = \(id)
            UNION ALL
            SELECT entered_at, NULL, 'state', state FROM claim_state_change WHERE claim_id = \(id) AND agent_id IS NULL
            UNION ALL
            SELECT answered_at, NULL, 'answered', NULL FROM information_request WHERE claim_id = \(id) AND answered_at IS NOT NULL
            ORDER BY 1 DESC
            """,
            logger: logger
        )
        var entries: [ClaimFile.HistoryEntry] = []
        for try await (at, agent, action, toState) in rows.decode((Date, String?, String, String?).self) {
            entries.append(
                .init(at: at, agentName: agent, action: action, toState: toState.flatMap(ClaimState.init(rawValue:)))
            )
        }
        return entries
    }

    private func notes(of id: UUID) async throws -> [ClaimFile.Note] {
        let rows = try await client.query(
            """
            SELECT n.created_at, a.display_name, n.body FROM claim_note n JOIN agent a ON a.id = n.agent_id
            WHERE n.claim_id = \(id) ORDER BY n.created_at DESC
            """,
            logger: logger
        )
        var notes: [ClaimFile.Note] = []
        for try await (at, author, body) in rows.decode((Date, String, String).self) {
            notes.append(.init(at: at, author: author, body: body))
        }
        return notes
    }

    private func informationRequests(of id: UUID) async throws -> [ClaimFile.InformationRequest] {
        let rows = try await client.query(
            """
            SELECT requested_at, to_char(due_on, 'YYYY-MM-DD'), document_types, message, answered_at, answer_message
            FROM information_request WHERE claim_id = \(id) ORDER BY requested_at DESC
            """,
            logger: logger
        )
        var requests: [ClaimFile.InformationRequest] = []
        for try await (at, due, types, message, answered, answer) in rows.decode(
            (Date, String, [String], String, Date?, String?).self
        ) {
            requests.append(
                .init(
                    requestedAt: at,
                    dueOn: due,
                    documentTypes: types,
                    message: message,
                    answeredAt: answered,
                    answerMessage: answer
                )
            )
        }
        return requests
    }

    /// Claims filed with the same claimant address (a claimant's account has one address).
    private func otherClaims(than id: UUID) async throws -> [ClaimFile.OtherClaim] {
        let rows = try await client.query(
            """
            SELECT o.id, o.reference, o.status, o.submitted_at FROM claim c
            JOIN claim o ON o.claimant_email = c.claimant_email AND o.id <> c.id AND o.status <> 'A_FINALISER'
            WHERE c.id = \(id) ORDER BY o.submitted_at DESC LIMIT 20
            """,
            logger: logger
        )
        var claims: [ClaimFile.OtherClaim] = []
        for try await (otherId, reference, status, submittedAt) in rows.decode((UUID, String, String, Date).self) {
            guard let state = ClaimState(rawValue: status) else { continue }
            claims.append(.init(id: otherId, reference: reference, state: state, submittedAt: submittedAt))
        }
        return claims
    }

    private func decision(of id: UUID) async throws -> ClaimFile.Decision? {
        let rows = try await client.query(
            """
            SELECT d.kind, d.amount_cents, d.breakdown::text, d.rejection_reason, d.body, w.display_name,
                   d.returned_comment, s.display_name, d.signed_at, d.seal, to_char(d.answer_by, 'YYYY-MM-DD'),
                   d.claimant_answer, d.refusal_reason, d.counter_proposal_cents
            FROM decision d JOIN agent w ON w.id = d.drafted_by LEFT JOIN agent s ON s.id = d.signed_by
            WHERE d.claim_id = \(id)
            """,
            logger: logger
        )
        for try await row in rows.decode(
            (
                String, Int?, String?, String?, String, String, String?, String?, Date?, String?, String?, String?,
                String?, Int?
            ).self
        ) {
            return ClaimFile.Decision(
                isOffer: row.0 == "offer",
                amountCents: row.1,
                breakdown: try row.2.map { try JSONDecoder().decode([AmountLine].self, from: Data($0.utf8)) } ?? [],
                rejectionReason: row.3.flatMap(RejectionReason.init(rawValue:)),
                body: row.4,
                draftedBy: row.5,
                returnedComment: row.6,
                signedBy: row.7,
                signedAt: row.8,
                seal: row.9,
                answerBy: row.10,
                claimantAccepted: row.11.map { $0 == "accepted" },
                refusalReason: row.12,
                counterProposalCents: row.13
            )
        }
        return nil
    }

    private func paymentOrder(of id: UUID) async throws -> ClaimFile.PaymentOrderState? {
        let rows = try await client.query(
            """
            SELECT o.body, d.display_name, s.display_name, o.signed_at, o.seal, o.batch_reference, o.transmitted_at,
                   to_char(o.paid_on, 'YYYY-MM-DD')
            FROM payment_order o JOIN agent d ON d.id = o.drafted_by LEFT JOIN agent s ON s.id = o.signed_by
            WHERE o.claim_id = \(id)
            """,
            logger: logger
        )
        for try await row in rows.decode((String, String, String?, Date?, String?, String?, Date?, String?).self) {
            return ClaimFile.PaymentOrderState(
                body: row.0,
                draftedBy: row.1,
                signedBy: row.2,
                signedAt: row.3,
                seal: row.4,
                batchReference: row.5,
                transmittedAt: row.6,
                paidOn: row.7
            )
        }
        return nil
    }

    /// The hand-off of a signed payment order, bank details opened with `opening`; nil while unsigned.
    func paymentExport(
        _ id: UUID,
        opening: (String?, String?) throws -> PaymentOrder.BankDetails?
    ) async throws -> PaymentExport? {
        let rows = try await client.query(
            """
            SELECT c.reference, o.amount_cents, o.seal, o.signed_at, s.display_name, o.batch_reference,
                   d.payment_details_key_id, d.payment_details_sealed
            FROM payment_order o JOIN claim c ON c.id = o.claim_id JOIN decision d ON d.claim_id = o.claim_id
            JOIN agent s ON s.id = o.signed_by
            WHERE o.claim_id = \(id) AND o.seal IS NOT NULL
            """,
            logger: logger
        )
        for try await row in rows.decode((String, Int, String, Date, String, String?, String?, String?).self) {
            guard let bank = try opening(row.6, row.7) else { return nil }
            return PaymentExport(
                reference: row.0,
                beneficiary: bank.holder,
                iban: bank.iban,
                bic: bank.bic,
                amountCents: row.1,
                currency: "EUR",
                orderSeal: row.2,
                orderSignedAt: row.3,
                orderSignedBy: row.4,
                batchReference: row.5,
                budgetImputation: "programme 166, titre 2, domaine fonctionnel 0166-06-01"
            )
        }
        return nil
    }
}

/// What the budget office needs to make and reconcile the transfer.
struct PaymentExport: Codable, Sendable, Equatable, ResponseEncodable {
    var reference: String
    var beneficiary: String
    var iban: String
    var bic: String
    var amountCents: Int
    var currency: String
    var orderSeal: String
    var orderSignedAt: Date
    var orderSignedBy: String
    var batchReference: String?
    var budgetImputation: String
}
