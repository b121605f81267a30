import Contracts
import Foundation
import Hummingbird
import Logging
import PostgresNIO

/// The decision, the payment order and its hand-off, as the claim's page and the budget office read them.
extension ClaimFileRepository {
    func decision(of id: UUID) async throws -> ClaimFile.Decision? {
        let rows = try await client.query(
            """
            SELECT d.kind, d.amount_cents, d.breakdown::text, d.rejection_reason, d.body, w.display_name,
                   d.returned_comment, s.display_name, d.signed_at, d.seal, to_char(d.answer_by, 'YYYY-MM-DD'),
                   d.claimant_answer, d.refusal_reason, d.counter_proposal_cents, l.document_id,
                   (SELECT document_id FROM signed_letter WHERE claim_id = d.claim_id AND kind = 'acceptation')
            FROM decision d JOIN agent w ON w.id = d.drafted_by LEFT JOIN agent s ON s.id = d.signed_by
                LEFT JOIN signed_letter l ON l.seal = d.seal
            WHERE d.claim_id = \(id)
            """,
            logger: logger
        )
        for try await row in rows.decode(
            (
                String, Int?, String?, String?, String, String, String?, String?, Date?, String?, String?, String?,
                String?, Int?, UUID?, UUID?
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
                counterProposalCents: row.13,
                letterId: row.14,
                acceptanceLetterId: row.15
            )
        }
        return nil
    }

    func paymentOrder(of id: UUID) async throws -> ClaimFile.PaymentOrderState? {
        let rows = try await client.query(
            """
            SELECT o.body, d.display_name, s.display_name, o.signed_at, o.seal, o.batch_reference, o.transmitted_at,
                   to_char(o.paid_on, 'YYYY-MM-DD'), l.document_id
            FROM payment_order o JOIN agent d ON d.id = o.drafted_by LEFT JOIN agent s ON s.id = o.signed_by
                LEFT JOIN signed_letter l ON l.seal = o.seal
            WHERE o.claim_id = \(id)
            """,
            logger: logger
        )
        for try await row in rows.decode((String, String, String?, Date?, String?, String?, Date?, String?, UUID?).self)
        {
            return ClaimFile.PaymentOrderState(
                body: row.0,
                draftedBy: row.1,
                signedBy: row.2,
                signedAt: row.3,
                seal: row.4,
                batchReference: row.5,
                transmittedAt: row.6,
                paidOn: row.7,
                letterId: row.8
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
