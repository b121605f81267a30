import Contracts
import Foundation
import Logging
import Messaging
import NIOCore
import NIOFoundationCompat
import Persistence
import PostgresNIO

/// Claims in the `intake` schema, written with their outbox event in one transaction.
struct PostgresClaimRepository: ClaimRepository {
    let outbox: TransactionalOutbox
    let cipher: FieldCipher
    let logger: Logger

    func submit(_ form: ClaimForm, owner: UUID?, idempotencyKey: String?, context: MessageContext) async throws
        -> SubmittedClaim
    {
        if let idempotencyKey, let existing = try await find(idempotencyKey: idempotencyKey) { return existing }
        let now = Date()
        let id = UUID()
        let bank = form.bankDetails
        let sealedBank = try cipher.seal(
            try JSONEncoder().encode(["iban": bank.iban, "bic": bank.bic, "holder": bank.holder])
        )
        do {
            return try await outbox.transaction(context: context, logger: logger) { connection, events in
                let reference = ClaimReference.make(day: now, number: try await nextReferenceNumber(on: connection))
                try await connection.query(
                    """
                    INSERT INTO claim (id, reference, status, claimant_first_name, claimant_last_name, claimant_email,
                                       door_break_date, street_address, postal_code, commune, idempotency_key, submitted_at,
                                       dwelling_relation, eligibility_outcome, bank_details_sealed, bank_details_key_id,
                                       iban_suffix, operating_force, armoured_door, account_id)
                    VALUES (\(id), \(reference), 'A_ATTRIBUER', \(form.firstName), \(form.lastName), \(form.email),
                            \(form.doorBreakDate)::date, \(form.streetAddress), \(form.postalCode), \(form.commune),
                            \(idempotencyKey), \(now), \(form.eligibility.relation?.rawValue), \(form.eligibility.outcome?.code),
                            \(ByteBuffer(data: sealedBank)), \(cipher.keyId), \(bank.ibanSuffix),
                            \(form.operatingForce), \(form.armouredDoor == "oui"), \(owner))
                    """,
                    logger: logger
                )
                try await connection.query(
                    "INSERT INTO claim_timeline_entry (claim_id, kind, occurred_at) VALUES (\(id), 'submitted', \(now))",
                    logger: logger
                )
                try await events.append(
                    ClaimSubmitted(
                        claimId: id,
                        reference: reference,
                        submittedAt: now,
                        claimant: .init(firstName: form.firstName, lastName: form.lastName, email: form.email),
                        doorBreak: .init(
                            date: form.doorBreakDate,
                            streetAddress: form.streetAddress,
                            postalCode: form.postalCode,
                            commune: form.commune,
                            force: form.operatingForce,
                            armouredDoor: form.armouredDoor == "oui"
                        ),
                        eligibility: form.eligibility.contract
                    ),
                    at: now
                )
                return SubmittedClaim(id: id, reference: reference, submittedAt: now, ibanSuffix: bank.ibanSuffix)
            }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" && idempotencyKey != nil {
            // A concurrent retry with the same key won the race: answer with its claim.
            if let idempotencyKey, let existing = try await find(idempotencyKey: idempotencyKey) { return existing }
            throw error
        }
    }

    func claims(ownedBy owner: UUID) async throws -> [ClaimSummary] {
        let rows = try await outbox.client.query(
            "SELECT id, reference, status, submitted_at FROM claim WHERE account_id = \(owner) ORDER BY submitted_at DESC",
            logger: logger
        )
        var claims: [ClaimSummary] = []
        for try await (id, reference, status, submittedAt) in rows.decode((UUID, String, String, Date).self) {
            claims.append(ClaimSummary(id: id, reference: reference, status: status, submittedAt: submittedAt))
        }
        return claims
    }

    private func nextReferenceNumber(on connection: PostgresConnection) async throws -> Int {
        let rows = try await connection.query("SELECT nextval('claim_reference_seq')", logger: logger)
        for try await number in rows.decode(Int.self) { return number }
        throw ReferenceNumberMissingError()
    }

    private func find(idempotencyKey: String) async throws -> SubmittedClaim? {
        let rows = try await outbox.client.query(
            "SELECT id, reference, submitted_at, iban_suffix FROM claim WHERE idempotency_key = \(idempotencyKey)",
            logger: logger
        )
        for try await (id, reference, submittedAt, ibanSuffix) in rows.decode((UUID, String, Date, String?).self) {
            return SubmittedClaim(id: id, reference: reference, submittedAt: submittedAt, ibanSuffix: ibanSuffix ?? "")
        }
        return nil
    }
}

/// `nextval` returned no row, which PostgreSQL guarantees cannot happen.
struct ReferenceNumberMissingError: Error {}

extension EligibilityAnswers {
    /// The completed test as the contract carries it; nil when the test was skipped or left unfinished.
    fileprivate var contract: ClaimSubmitted.Eligibility? {
        guard let relation, let outcome else { return nil }
        return .init(
            dwellingRelation: relation.rawValue,
            outcome: outcome.code,
            filedAgainstAdvice: outcome.isIneligible
        )
    }
}
