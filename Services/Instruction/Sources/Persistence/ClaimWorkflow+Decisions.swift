import Contracts
import Foundation
import Messaging
import PostgresNIO
import ServiceKit

/// Decisions: the rédacteur drafts an offer or a rejection, a validator sends it back or signs it, which seals the
/// letter and sends it to the claimant.
extension ClaimWorkflow {
    /// T5.
    func draftOffer(_ claimId: UUID, _ input: OfferInput, by agent: Agent, context: MessageContext) async throws {
        try await perform(.draftOffer, on: claimId, by: agent, context: context) { step in
            let facts = try await snapshot(claimId, on: step.connection)
            let body = input.body ?? DecisionLetters.offerBody(facts: facts, totalCents: input.totalCents)
            let breakdown = input.lines.map { AmountLine(label: $0.label, amountCents: $0.cents) }
            let json = String(decoding: try JSONEncoder().encode(breakdown), as: UTF8.self)
            try await step.connection.query(
                """
                INSERT INTO decision (claim_id, kind, breakdown, amount_cents, body, drafted_by, drafted_at)
                VALUES (\(claimId), 'offer', \(json)::jsonb, \(input.totalCents), \(body), \(agent.id), \(step.now))
                ON CONFLICT (claim_id) DO UPDATE SET kind = 'offer', breakdown = EXCLUDED.breakdown,
                    amount_cents = EXCLUDED.amount_cents, rejection_reason = NULL, body = EXCLUDED.body,
                    drafted_by = EXCLUDED.drafted_by, drafted_at = EXCLUDED.drafted_at, returned_comment = NULL,
                    signed_by = NULL, signed_at = NULL, seal = NULL, answer_by = NULL, claimant_answer = NULL,
                    claimant_answered_at = NULL
                """,
                logger: step.logger
            )
            try await step.connection.query(
                "UPDATE claim SET offered_cents = \(input.totalCents), rejection_reason = NULL WHERE id = \(claimId)",
                logger: step.logger
            )
            step.audit["amountCents"] = String(input.totalCents)
            try await step.requestSignature(of: .offer)
        }
    }

    /// T6.
    func draftRejection(
        _ claimId: UUID,
        reason: RejectionReason,
        body: String?,
        by agent: Agent,
        context: MessageContext
    ) async throws {
        try await perform(.draftRejection, on: claimId, by: agent, context: context) { step in
            let facts = try await snapshot(claimId, on: step.connection)
            let text = body ?? DecisionLetters.rejectionBody(facts: facts, reason: reason)
            try await step.connection.query(
                """
                INSERT INTO decision (claim_id, kind, rejection_reason, body, drafted_by, drafted_at)
                VALUES (\(claimId), 'rejection', \(reason.rawValue), \(text), \(agent.id), \(step.now))
                ON CONFLICT (claim_id) DO UPDATE SET kind = 'rejection', breakdown = NULL, amount_cents = NULL,
                    rejection_reason = EXCLUDED.rejection_reason, body = EXCLUDED.body, drafted_by = EXCLUDED.drafted_by,
                    drafted_at = EXCLUDED.drafted_at, returned_comment = NULL, signed_by = NULL, signed_at = NULL,
                    seal = NULL, answer_by = NULL, claimant_answer = NULL, claimant_answered_at = NULL
                """,
                logger: step.logger
            )
            try await step.connection.query(
                "UPDATE claim SET offered_cents = NULL, rejection_reason = \(reason.rawValue) WHERE id = \(claimId)",
                logger: step.logger
            )
            step.audit["reason"] = reason.rawValue
            try await step.requestSignature(of: .rejection)
        }
    }

    /// A validator sends the draft back to its rédacteur with a comment.
    func returnToInstruction(_ claimId: UUID, comment: String, by agent: Agent, context: MessageContext) async throws {
        let text = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 2000 else {
            throw InvalidActionInput(
                "commentaire",
                "Expliquez au rédacteur ce qui doit être repris (2 000 caractères au plus)."
            )
        }
        try await perform(.returnToInstruction, on: claimId, by: agent, context: context) { step in
            try await step.connection.query(
                "UPDATE decision SET returned_comment = \(text) WHERE claim_id = \(claimId)",
                logger: step.logger
            )
        }
    }

    /// T7 or T8: the validator signs the letter (as drafted, or with their edits); the seal goes to the audit log and
    /// the letter to the claimant. Returns the seal.
    @discardableResult
    func signDecision(_ claimId: UUID, body edited: String?, by agent: Agent, context: MessageContext) async throws
        -> String
    {
        if let edited, edited.count > 10_000 {
            throw InvalidActionInput("corps", "Le courrier ne doit pas dépasser 10 000 caractères.")
        }
        var seal = ""
        try await perform(.signDecision, on: claimId, by: agent, context: context) { step in
            guard let draft = try await decisionDraft(claimId, on: step.connection) else { throw ClaimNotFound() }
            let body =
                edited.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 } ?? draft.body
            let paragraphs = DecisionLetters.paragraphs(body)
            let reference = step.claim.reference
            let isOffer = step.next == .offerToApprove
            let subject =
                isOffer ? DecisionLetters.offerSubject(reference) : DecisionLetters.rejectionSubject(reference)
            seal = DecisionLetters.seal(
                reference: reference,
                subject: subject,
                paragraphs: paragraphs,
                amountCents: draft.amountCents,
                signer: agent.id,
                at: step.now
            )
            let letter = DecisionLetter(
                subject: subject,
                paragraphs: paragraphs,
                signerName: agent.displayName,
                signedAt: step.now,
                seal: seal
            )
            let answerBy = ParisTime.isoDay(
                of: step.now.addingTimeInterval(Double(DecisionLetters.answerDays) * 86_400)
            )
            try await step.connection.query(
                """
                UPDATE decision SET body = \(body), signed_by = \(agent.id), signed_at = \(step.now), seal = \(seal),
                    answer_by = \(isOffer ? answerBy : nil)::date
                WHERE claim_id = \(claimId)
                """,
                logger: step.logger
            )
            step.audit["seal"] = seal
            step.audit["kind"] = isOffer ? "offer" : "rejection"
            if isOffer, let amount = draft.amountCents {
                try await step.events.append(
                    OfferSent(
                        claimId: claimId,
                        reference: reference,
                        amountCents: amount,
                        amountInWords: AmountInWords.french(cents: amount),
                        breakdown: draft.breakdown,
                        letter: letter,
                        answerBy: answerBy,
                        sentAt: step.now
                    ),
                    at: step.now
                )
            } else {
                try await step.events.append(
                    ClaimRejected(
                        claimId: claimId,
                        reference: reference,
                        reason: draft.rejectionReason ?? "",
                        letter: letter,
                        rejectedAt: step.now
                    ),
                    at: step.now
                )
            }
        }
        return seal
    }

    private struct Draft {
        var body: String
        var amountCents: Int?
        var breakdown: [AmountLine]
        var rejectionReason: String?
    }

    private func decisionDraft(_ claimId: UUID, on connection: PostgresConnection) async throws -> Draft? {
        let rows = try await connection.query(
            "SELECT body, amount_cents, breakdown::text, rejection_reason FROM decision WHERE claim_id = \(claimId)",
            logger: logger
        )
        for try await (body, amount, breakdown, reason) in rows.decode((String, Int?, String?, String?).self) {
            let lines = try breakdown.map { try JSONDecoder().decode([AmountLine].self, from: Data($0.utf8)) } ?? []
            return Draft(body: body, amountCents: amount, breakdown: lines, rejectionReason: reason)
        }
        return nil
    }

    private func snapshot(_ claimId: UUID, on connection: PostgresConnection) async throws -> ClaimSubmitted? {
        let rows = try await connection.query("SELECT snapshot::text FROM claim WHERE id = \(claimId)", logger: logger)
        for try await json in rows.decode(String?.self) {
            return json.flatMap { try? ContractCoding.decoder().decode(ClaimSubmitted.self, from: Data($0.utf8)) }
        }
        return nil
    }
}
