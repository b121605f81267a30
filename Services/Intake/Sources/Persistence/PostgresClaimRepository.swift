import Contracts
import Foundation
import Logging
import Messaging
import NIOCore
import NIOFoundationCompat
import Persistence
import PostgresNIO

/// Claims in the `intake` schema; submission writes the claim, its timeline entry and its outbox event in one
/// transaction. Bank answers are sealed with `cipher` before they reach the database.
struct PostgresClaimRepository: ClaimRepository {
    let outbox: TransactionalOutbox
    let cipher: FieldCipher
    let logger: Logger
    var clock: @Sendable () -> Date = { Date() }
    /// Seals the bank details an accepted offer sends to instruction for the payment order (PAYMENT_DETAILS_KEY).
    var paymentCipher: FieldCipher? = nil

    func submit(_ form: ClaimForm, idempotencyKey: String?, context: MessageContext) async throws -> SubmittedClaim {
        if let idempotencyKey, let existing = try await find(idempotencyKey: idempotencyKey) { return existing }
        let id = UUID()
        let now = clock()
        let draft = try sealedAnswers(of: form)
        do {
            return try await outbox.transaction(context: context, logger: logger) { connection, events in
                try await connection.query(
                    """
                    INSERT INTO claim (id, status, answers, bank_details_sealed, bank_details_key_id, idempotency_key,
                                       created_at, updated_at)
                    VALUES (\(id), \(ClaimState.draft), \(draft.plain)::jsonb, \(draft.bank), \(cipher.keyId),
                            \(idempotencyKey), \(now), \(now))
                    """,
                    logger: logger
                )
                return try await recordSubmission(of: form, id: id, at: now, on: connection, events: events)
            }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" && idempotencyKey != nil {
            // A concurrent retry with the same key won the race: answer with its claim.
            if let idempotencyKey, let existing = try await find(idempotencyKey: idempotencyKey) { return existing }
            throw error
        }
    }

    func startDraft(_ form: ClaimForm, owner: UUID) async throws -> UUID {
        let now = clock()
        let draft = try sealedAnswers(of: form)
        let rows = try await outbox.client.query(
            """
            INSERT INTO claim (id, status, answers, bank_details_sealed, bank_details_key_id, account_id, created_at,
                               updated_at)
            VALUES (\(UUID()), \(ClaimState.draft), \(draft.plain)::jsonb, \(draft.bank), \(cipher.keyId), \(owner),
                    \(now), \(now))
            ON CONFLICT (account_id) WHERE status = 'A_FINALISER' DO NOTHING
            RETURNING id
            """,
            logger: logger
        )
        for try await id in rows.decode(UUID.self) { return id }
        let existing = try await outbox.client.query(
            "SELECT id FROM claim WHERE account_id = \(owner) AND status = \(ClaimState.draft)",
            logger: logger
        )
        for try await id in existing.decode(UUID.self) { return id }
        throw DraftVanishedError()
    }

    func claim(_ id: UUID, owner: UUID) async throws -> StoredClaim? {
        let rows = try await outbox.client.query(
            """
            SELECT status, answers::text, bank_details_sealed, reference, submitted_at, closure_explanation,
                   declaration_id
            FROM claim WHERE id = \(id) AND account_id = \(owner)
            """,
            logger: logger
        )
        for try await (status, answers, bank, reference, submittedAt, closure, declaration) in rows.decode(
            (String, String, ByteBuffer?, String?, Date?, String?, UUID?).self
        ) {
            var form = try openedForm(answers: answers, sealedBank: bank)
            form.declarationId = declaration
            return StoredClaim(
                id: id,
                status: status,
                form: form,
                reference: reference,
                submittedAt: submittedAt,
                closureExplanation: closure
            )
        }
        return nil
    }

    func saveDraft(_ id: UUID, owner: UUID, form: ClaimForm) async throws -> Bool {
        let draft = try sealedAnswers(of: form)
        let rows = try await outbox.client.query(
            """
            UPDATE claim SET answers = \(draft.plain)::jsonb, bank_details_sealed = \(draft.bank),
                             bank_details_key_id = \(cipher.keyId), updated_at = \(clock())
            WHERE id = \(id) AND account_id = \(owner) AND status = \(ClaimState.draft)
            RETURNING id
            """,
            logger: logger
        )
        for try await _ in rows.decode(UUID.self) { return true }
        return false
    }

    func submitDraft(_ id: UUID, owner: UUID, today: Date, context: MessageContext) async throws -> DraftSubmission {
        try await outbox.transaction(context: context, logger: logger) { connection, events in
            // Locked, so that a step saved from another tab cannot slip in between the check and the submission.
            let rows = try await connection.query(
                """
                SELECT answers::text, bank_details_sealed, declaration_id FROM claim
                WHERE id = \(id) AND account_id = \(owner) AND status = \(ClaimState.draft) FOR UPDATE
                """,
                logger: logger
            )
            var stored: ClaimForm?
            for try await (answers, bank, declaration) in rows.decode((String, ByteBuffer?, UUID?).self) {
                stored = try openedForm(answers: answers, sealedBank: bank)
                stored?.declarationId = declaration
            }
            guard let form = stored else { return .unavailable }
            let problems = form.problemsByStep(today: today)
            let documents = try await documents(of: id, owner: owner, on: connection)
            let missing = documents.missing(from: form.requiredDocuments)
            guard problems.isEmpty, missing.isEmpty else { return .incomplete(problems, missingDocuments: missing) }
            return .submitted(
                try await recordSubmission(
                    of: form,
                    id: id,
                    documents: documents.filter(\.counts),
                    at: clock(),
                    on: connection,
                    events: events
                )
            )
        }
    }

    func claims(ownedBy owner: UUID) async throws -> [ClaimSummary] {
        let rows = try await outbox.client.query(
            """
            SELECT id, reference, status, created_at, submitted_at FROM claim
            WHERE account_id = \(owner) ORDER BY created_at DESC
            """,
            logger: logger
        )
        var claims: [ClaimSummary] = []
        for try await (id, reference, status, createdAt, submittedAt) in rows.decode(
            (UUID, String?, String, Date, Date?).self
        ) {
            claims.append(
                ClaimSummary(
                    id: id,
                    reference: reference,
                    status: status,
                    createdAt: createdAt,
                    submittedAt: submittedAt
                )
            )
        }
        return claims
    }

    func timeline(of claim: UUID, owner: UUID) async throws -> [TimelineEntry] {
        let rows = try await outbox.client.query(
            """
            SELECT t.kind, t.occurred_at FROM claim_timeline_entry t JOIN claim c ON c.id = t.claim_id
            WHERE t.claim_id = \(claim) AND c.account_id = \(owner) ORDER BY t.occurred_at, t.id
            """,
            logger: logger
        )
        var entries: [TimelineEntry] = []
        for try await (kind, occurredAt) in rows.decode((String, Date).self) {
            entries.append(TimelineEntry(kind: kind, occurredAt: occurredAt))
        }
        return entries
    }

    func documents(of claim: UUID, owner: UUID) async throws -> [ClaimDocument] {
        try await outbox.client.withConnection { connection in
            try await documents(of: claim, owner: owner, on: connection)
        }
    }

    func withdrawDocument(_ document: UUID, claim: UUID, owner: UUID, context: MessageContext) async throws -> Bool {
        let now = clock()
        return try await outbox.transaction(context: context, logger: logger) { connection, events in
            let rows = try await connection.query(
                """
                UPDATE claim_document d SET withdrawn_at = \(now)
                FROM claim c
                WHERE d.document_id = \(document) AND d.claim_id = \(claim) AND d.uploaded_by = \(owner)
                  AND d.withdrawn_at IS NULL AND c.id = d.claim_id AND c.account_id = \(owner)
                  AND c.status = \(ClaimState.draft)
                RETURNING d.document_id
                """,
                logger: logger
            )
            var withdrawn = false
            for try await _ in rows.decode(UUID.self) { withdrawn = true }
            if withdrawn {
                try await events.append(
                    DocumentWithdrawn(documentId: document, claimId: claim, withdrawnAt: now),
                    at: now
                )
            }
            return withdrawn
        }
    }

    /// The documents of `claim` when `owner` owns it (none otherwise).
    func documents(of claim: UUID, owner: UUID, on connection: PostgresConnection) async throws
        -> [ClaimDocument]
    {
        let rows = try await connection.query(
            """
            SELECT d.document_id, d.type, d.file_name, d.size, d.scan_status, d.uploaded_by, d.withdrawn_at IS NOT NULL,
                   d.uploaded_at
            FROM claim_document d JOIN claim c ON c.id = d.claim_id
            WHERE d.claim_id = \(claim) AND c.account_id = \(owner) ORDER BY d.uploaded_at, d.document_id
            """,
            logger: logger
        )
        var documents: [ClaimDocument] = []
        for try await (id, type, fileName, size, scanStatus, uploadedBy, withdrawn, uploadedAt) in rows.decode(
            (UUID, String, String, Int, String, UUID?, Bool, Date).self
        ) {
            documents.append(
                ClaimDocument(
                    id: id,
                    type: type,
                    fileName: fileName,
                    size: size,
                    scanStatus: scanStatus,
                    uploadedBy: uploadedBy,
                    isWithdrawn: withdrawn,
                    uploadedAt: uploadedAt
                )
            )
        }
        return documents
    }

    // MARK: - Submission

    /// The département of the communes a postal code serves, from the reference data; nil when they do not know the
    /// code, or (never seen) when its communes lie in different départements.
    private func department(of postalCode: String, on connection: PostgresConnection) async throws -> String? {
        let rows = try await connection.query(
            """
            SELECT DISTINCT c.department_code FROM ref_postal_code p JOIN ref_commune c ON c.insee_code = p.insee_code
            WHERE p.postal_code = \(postalCode)
            """,
            logger: logger
        )
        var departments: [String] = []
        for try await code in rows.decode(String.self) { departments.append(code) }
        return departments.count == 1 ? departments[0] : nil
    }

    /// Turns the draft row `id` into a submitted claim: reference, checked columns, bank details normalised,
    /// first timeline entry and `ClaimSubmitted` (listing the `documents` it counts), on the caller's transaction.
    private func recordSubmission(
        of form: ClaimForm,
        id: UUID,
        documents: [ClaimDocument] = [],
        at now: Date,
        on connection: PostgresConnection,
        events: OutboxWriter
    ) async throws -> SubmittedClaim {
        let reference = ClaimReference.make(day: now, number: try await nextReferenceNumber(on: connection))
        let bank = form.bankDetails
        let sealedBank = try cipher.seal(
            try JSONEncoder().encode([
                ClaimField.accountHolder.rawValue: bank.holder, ClaimField.iban.rawValue: bank.iban,
                ClaimField.bic.rawValue: bank.bic,
            ])
        )
        try await connection.query(
            """
            UPDATE claim SET reference = \(reference), status = \(ClaimState.submitted), submitted_at = \(now),
                updated_at = \(now), claimant_first_name = \(form[.firstName]), claimant_last_name = \(form[.lastName]),
                claimant_email = \(form[.email]), door_break_date = \(form[.doorBreakDate])::date,
                street_address = \(form[.streetAddress]), postal_code = \(form[.postalCode]), commune = \(form[.commune]),
                dwelling_relation = \(form.capacity?.rawValue), eligibility_outcome = \(form.eligibility.outcome?.code),
                operating_force = \(form.operatingForce), armoured_door = \(form[.armouredDoor] == "oui"),
                claimed_amount_cents = \(form.claimedAmountCents), bank_details_sealed = \(ByteBuffer(data: sealedBank)),
                bank_details_key_id = \(cipher.keyId), iban_suffix = \(bank.ibanSuffix)
            WHERE id = \(id)
            """,
            logger: logger
        )
        try await connection.query(
            "INSERT INTO claim_timeline_entry (claim_id, kind, occurred_at) VALUES (\(id), 'submitted', \(now))",
            logger: logger
        )
        var event = form.submittedEvent(id: id, reference: reference, at: now, documents: documents)
        event.doorBreak.department = try await department(of: form[.postalCode], on: connection)
        try await events.append(event, at: now)
        return SubmittedClaim(id: id, reference: reference, submittedAt: now, ibanSuffix: bank.ibanSuffix)
    }

    private func nextReferenceNumber(on connection: PostgresConnection) async throws -> Int {
        let rows = try await connection.query("SELECT nextval('claim_reference_seq')", logger: logger)
        for try await number in rows.decode(Int.self) { return number }
        throw ReferenceNumberMissingError()
    }

    private func find(idempotencyKey: String) async throws -> SubmittedClaim? {
        let rows = try await outbox.client.query(
            """
            SELECT id, reference, submitted_at, iban_suffix FROM claim
            WHERE idempotency_key = \(idempotencyKey) AND status <> \(ClaimState.draft)
            """,
            logger: logger
        )
        for try await (id, reference, submittedAt, ibanSuffix) in rows.decode((UUID, String, Date, String?).self) {
            return SubmittedClaim(id: id, reference: reference, submittedAt: submittedAt, ibanSuffix: ibanSuffix ?? "")
        }
        return nil
    }

    // MARK: - Answers at rest

    private func sealedAnswers(of form: ClaimForm) throws -> (plain: String, bank: ByteBuffer) {
        let plain = String(decoding: try JSONEncoder().encode(form.plainAnswers), as: UTF8.self)
        return (plain, ByteBuffer(data: try cipher.seal(try JSONEncoder().encode(form.bankAnswers))))
    }

    func openedForm(answers: String, sealedBank: ByteBuffer?) throws -> ClaimForm {
        var fields = try JSONDecoder().decode([String: String].self, from: Data(answers.utf8))
        if let sealedBank {
            let bank = try JSONDecoder().decode(
                [String: String].self,
                from: try cipher.open(Data(buffer: sealedBank))
            )
            fields.merge(bank) { _, sealed in sealed }
        }
        return ClaimForm(fields: fields)
    }
}

/// `nextval` returned no row, which PostgreSQL guarantees cannot happen.
struct ReferenceNumberMissingError: Error {}

/// The account's draft was neither inserted nor found: it was submitted between the two statements.
struct DraftVanishedError: Error {}
