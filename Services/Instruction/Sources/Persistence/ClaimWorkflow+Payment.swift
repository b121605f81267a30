import Contracts
import Foundation
import Messaging
import Persistence
import PostgresNIO
import ServiceKit

/// Payment: the rédacteur verifies the acceptance and drafts the payment order from the confirmed bank details,
/// a validator signs it (sealed in the audit log), it is handed to the budget office, and the transfer is recorded.
extension ClaimWorkflow {
    static let paymentOrderSubject = "Arrêté de paiement"

    /// T10.
    func verifyAcceptance(_ claimId: UUID, by agent: Agent, context: MessageContext) async throws {
        try await perform(.verifyAcceptance, on: claimId, by: agent, context: context) { step in
            let rows = try await step.connection.query(
                """
                SELECT amount_cents, signed_at, claimant_answered_at, payment_details_key_id, payment_details_sealed
                FROM decision WHERE claim_id = \(claimId) AND claimant_answer = 'accepted'
                """,
                logger: step.logger
            )
            var accepted: (Int?, Date?, Date?, String?, String?)?
            for try await row in rows.decode((Int?, Date?, Date?, String?, String?).self) { accepted = row }
            guard let accepted, let amount = accepted.0, let offeredAt = accepted.1, let acceptedAt = accepted.2,
                let bank = try openBankDetails(keyId: accepted.3, sealed: accepted.4)
            else {
                throw InvalidActionInput(
                    "verification",
                    "Les coordonnées bancaires confirmées par le requérant manquent : l’arrêté ne peut pas être établi."
                )
            }
            let order = PaymentOrder(
                reference: step.claim.reference,
                amountCents: amount,
                bank: bank,
                offeredAt: offeredAt,
                acceptedAt: acceptedAt,
                year: ParisTime.year(of: step.now)
            )
            try await step.connection.query(
                """
                INSERT INTO payment_order (claim_id, amount_cents, body, drafted_by, drafted_at)
                VALUES (\(claimId), \(amount), \(order.paragraphs.joined(separator: "\n\n")), \(agent.id), \(step.now))
                ON CONFLICT (claim_id) DO UPDATE SET amount_cents = EXCLUDED.amount_cents, body = EXCLUDED.body,
                    drafted_by = EXCLUDED.drafted_by, drafted_at = EXCLUDED.drafted_at, signed_by = NULL,
                    signed_at = NULL, seal = NULL
                """,
                logger: step.logger
            )
            step.audit["amountCents"] = String(amount)
            try await step.requestSignature(of: .paymentOrder)
        }
    }

    /// T11: the seal covers the order's text, amount, signer and instant.
    func signPaymentOrder(_ claimId: UUID, by agent: Agent, context: MessageContext) async throws {
        try await perform(.signPaymentOrder, on: claimId, by: agent, context: context) { step in
            guard let order = try await paymentOrder(claimId, on: step.connection) else { throw ClaimNotFound() }
            let paragraphs = DecisionLetters.paragraphs(order.body)
            let seal = DecisionLetters.seal(
                reference: step.claim.reference,
                subject: Self.paymentOrderSubject,
                paragraphs: paragraphs,
                amountCents: order.amountCents,
                signer: agent.id,
                at: step.now
            )
            try await step.connection.query(
                "UPDATE payment_order SET signed_by = \(agent.id), signed_at = \(step.now), seal = \(seal) WHERE claim_id = \(claimId)",
                logger: step.logger
            )
            step.audit["seal"] = seal
            let signed = DecisionLetter(
                subject: Self.paymentOrderSubject,
                paragraphs: paragraphs,
                signerName: agent.displayName,
                signedAt: step.now,
                seal: seal
            )
            try await step.events.append(
                PaymentOrderSigned(
                    claimId: claimId,
                    reference: step.claim.reference,
                    amountCents: order.amountCents,
                    order: signed
                ),
                at: step.now
            )
        }
    }

    /// T12: the hand-off gets a reference the budget office quotes back.
    func transmitToPayment(_ claimId: UUID, by agent: Agent, context: MessageContext) async throws {
        try await perform(.transmitToPayment, on: claimId, by: agent, context: context) { step in
            guard let order = try await paymentOrder(claimId, on: step.connection) else { throw ClaimNotFound() }
            let batch =
                "VIR-\(ParisTime.isoDay(of: step.now).replacingOccurrences(of: "-", with: ""))-"
                + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8))
            try await step.connection.query(
                "UPDATE payment_order SET batch_reference = \(batch), transmitted_at = \(step.now) WHERE claim_id = \(claimId)",
                logger: step.logger
            )
            step.audit["batch"] = batch
            try await step.events.append(
                PaymentTransmitted(
                    claimId: claimId,
                    reference: step.claim.reference,
                    amountCents: order.amountCents,
                    batchReference: batch,
                    transmittedAt: step.now
                ),
                at: step.now
            )
        }
    }

    /// T13: the transfer's day, between the hand-off and today.
    func markPaid(_ claimId: UUID, on paidOn: String, by agent: Agent, context: MessageContext) async throws {
        try await perform(.markPaid, on: claimId, by: agent, context: context) { step in
            guard let order = try await paymentOrder(claimId, on: step.connection),
                let transmittedAt = order.transmittedAt
            else { throw ClaimNotFound() }
            let today = ParisTime.isoDay(of: step.now)
            guard let sinceHandOff = ParisTime.days(from: ParisTime.isoDay(of: transmittedAt), to: paidOn),
                let untilToday = ParisTime.days(from: paidOn, to: today), sinceHandOff >= 0, untilToday >= 0
            else {
                throw InvalidActionInput(
                    "date-paiement",
                    "Indiquez la date du virement, entre la transmission au bureau du budget et aujourd’hui."
                )
            }
            try await step.connection.query(
                "UPDATE payment_order SET paid_on = \(paidOn)::date WHERE claim_id = \(claimId)",
                logger: step.logger
            )
            step.audit["paidOn"] = paidOn
            try await step.events.append(
                ClaimPaid(
                    claimId: claimId,
                    reference: step.claim.reference,
                    amountCents: order.amountCents,
                    paidOn: paidOn,
                    recordedAt: step.now
                ),
                at: step.now
            )
        }
    }

    /// The bank details sealed by intake, opened; nil when absent or sealed with another key.
    func openBankDetails(keyId: String?, sealed: String?) throws -> PaymentOrder.BankDetails? {
        guard let paymentCipher, let keyId, keyId == paymentCipher.keyId, let sealed,
            let data = Data(base64Encoded: sealed)
        else { return nil }
        return try JSONDecoder().decode(PaymentOrder.BankDetails.self, from: try paymentCipher.open(data))
    }

    private struct StoredOrder {
        var amountCents: Int
        var body: String
        var transmittedAt: Date?
    }

    private func paymentOrder(_ claimId: UUID, on connection: PostgresConnection) async throws -> StoredOrder? {
        let rows = try await connection.query(
            "SELECT amount_cents, body, transmitted_at FROM payment_order WHERE claim_id = \(claimId)",
            logger: logger
        )
        for try await (amount, body, transmitted) in rows.decode((Int, String, Date?).self) {
            return StoredOrder(amountCents: amount, body: body, transmittedAt: transmitted)
        }
        return nil
    }
}
