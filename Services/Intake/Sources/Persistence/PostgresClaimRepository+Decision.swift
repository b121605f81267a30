import Contracts
import Foundation
import Messaging
import Persistence
import PostgresNIO

/// The office's decision as the claimant reads it, and their answer to an offer.
extension PostgresClaimRepository {
    func decision(of claim: UUID, owner: UUID) async throws -> ClaimDecision? {
        let rows = try await outbox.client.query(
            """
            SELECT d.kind, d.amount_cents, d.amount_in_words, d.breakdown::text, d.letter::text,
                   to_char(d.answer_by, 'YYYY-MM-DD'), d.answer, d.answered_at
            FROM decision d JOIN claim c ON c.id = d.claim_id WHERE d.claim_id = \(claim) AND c.account_id = \(owner)
            """,
            logger: logger
        )
        let decoder = ContractCoding.decoder()
        for try await (kind, amount, words, breakdown, letter, answerBy, answer, answeredAt) in rows.decode(
            (String, Int?, String?, String?, String, String?, String?, Date?).self
        ) {
            return ClaimDecision(
                isOffer: kind == "offer",
                amountCents: amount,
                amountInWords: words,
                breakdown: try breakdown.map { try decoder.decode([AmountLine].self, from: Data($0.utf8)) } ?? [],
                letter: try decoder.decode(DecisionLetter.self, from: Data(letter.utf8)),
                answerBy: answerBy,
                accepted: answer.map { $0 == "accepted" },
                answeredAt: answeredAt
            )
        }
        return nil
    }

    /// Locks the pending offer, records the answer, moves the claim's status as the claimant will see it, adds the
    /// timeline entry and the event, in one transaction.
    func answerOffer(_ claim: UUID, owner: UUID, _ answer: OfferAnswer, context: MessageContext) async throws -> Bool {
        let now = clock()
        return try await outbox.transaction(context: context, logger: logger) { connection, events in
            let rows = try await connection.query(
                """
                SELECT c.reference, d.amount_cents, c.iban_suffix, c.answers::text, c.bank_details_sealed
                FROM decision d JOIN claim c ON c.id = d.claim_id
                WHERE d.claim_id = \(claim) AND c.account_id = \(owner) AND d.kind = 'offer' AND d.answer IS NULL
                  AND c.status = 'OK_A_APPROUVER'
                FOR UPDATE OF d, c
                """,
                logger: logger
            )
            var found: (reference: String, amount: Int?, ibanSuffix: String?, answers: String, bank: ByteBuffer?)?
            for try await row in rows.decode((String, Int?, String?, String, ByteBuffer?).self) { found = row }
            guard let found, let amount = found.amount else { return false }
            let (status, kind): (String, String)
            switch answer {
            case .accept:
                (status, kind) = ("OK_A_VERIFIER", "offer-accepted")
                try await events.append(
                    OfferAccepted(
                        claimId: claim,
                        reference: found.reference,
                        amountCents: amount,
                        ibanSuffix: found.ibanSuffix ?? "",
                        acceptedAt: now,
                        paymentDetails: try sealedPaymentDetails(answers: found.answers, bank: found.bank)
                    ),
                    at: now
                )
            case .refuse(let reason, let counter):
                (status, kind) = ("EN_INSTRUCTION", "offer-refused")
                try await events.append(
                    OfferRefused(
                        claimId: claim,
                        reference: found.reference,
                        reason: reason,
                        counterProposalCents: counter,
                        refusedAt: now
                    ),
                    at: now
                )
            }
            let refusal: (String?, Int?) =
                if case .refuse(let reason, let counter) = answer { (reason, counter) } else { (nil, nil) }
            try await connection.query(
                """
                UPDATE decision SET answer = \(kind == "offer-accepted" ? "accepted" : "refused"), answered_at = \(now),
                    refusal_reason = \(refusal.0), counter_proposal_cents = \(refusal.1)
                WHERE claim_id = \(claim)
                """,
                logger: logger
            )
            try await connection.query(
                "UPDATE claim SET status = \(status), status_changed_at = \(now) WHERE id = \(claim)",
                logger: logger
            )
            try await connection.query(
                "INSERT INTO claim_timeline_entry (claim_id, kind, occurred_at) VALUES (\(claim), \(kind), \(now))",
                logger: logger
            )
            return true
        }
    }

    /// The claim's bank details sealed for instruction, or nil without a payment key.
    private func sealedPaymentDetails(answers: String, bank: ByteBuffer?) throws -> OfferAccepted.SealedPaymentDetails?
    {
        guard let paymentCipher else { return nil }
        let details = try openedForm(answers: answers, sealedBank: bank).bankDetails
        let json = try JSONEncoder().encode(["holder": details.holder, "iban": details.iban, "bic": details.bic])
        return OfferAccepted.SealedPaymentDetails(
            keyId: paymentCipher.keyId,
            sealed: try paymentCipher.seal(json).base64EncodedString()
        )
    }
}
