import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO

/// Declarations in the `liaison` schema. Every read and write names the investigator's unit, so a declaration of
/// another unit is never found, whatever its id.
struct DeclarationRepository: Sendable {
    let outbox: TransactionalOutbox
    let logger: Logger
    var clock: @Sendable () -> Date = { Date() }

    /// How long the occupant's code stays valid.
    static let codeLifetime: TimeInterval = 90 * 86_400

    private var client: PostgresClient { outbox.client }

    /// A new, empty draft by this investigator; returns its id.
    func startDraft(by investigator: Investigator) async throws -> UUID {
        let id = UUID()
        let now = clock()
        try await client.query(
            """
            INSERT INTO declaration (id, unit_code, force, declared_by, created_at, updated_at)
            VALUES (\(id), \(investigator.unitCode), \(investigator.force), \(investigator.id), \(now), \(now))
            """,
            logger: logger
        )
        return id
    }

    /// A declaration of the unit, if it exists.
    func declaration(_ id: UUID, unit: String) async throws -> Declaration? {
        let rows = try await client.query(
            """
            SELECT d.state, d.answers::text, i.display_name, d.code, d.code_expires_at, d.created_at, d.updated_at,
                   d.submitted_at, p.reference, p.outcome, p.outcome_at, d.notice_document_id IS NOT NULL
            FROM declaration d JOIN investigator i ON i.id = d.declared_by
                LEFT JOIN claim_progress p ON p.claim_id = d.claim_id
            WHERE d.id = \(id) AND d.unit_code = \(unit)
            """,
            logger: logger
        )
        for try await (
            state, answers, author, code, expires, created, updated, submitted, reference, outcome, at, notice
        )
            in rows.decode(
                (String, String, String, String?, Date?, Date, Date, Date?, String?, String?, Date?, Bool).self
            )
        {
            return Declaration(
                id: id,
                state: Declaration.State(rawValue: state) ?? .submitted,
                form: try Self.form(answers),
                declaredBy: author,
                code: code.flatMap(DeclarationCode.init(typed:)),
                codeExpiresAt: expires,
                createdAt: created,
                updatedAt: updated,
                submittedAt: submitted,
                claimReference: reference,
                claimOutcome: outcome.flatMap(ClaimOutcome.init(rawValue:)),
                claimOutcomeAt: at,
                hasNotice: notice
            )
        }
        return nil
    }

    /// The files attached to a declaration of the unit, oldest first.
    func attachments(of id: UUID, unit: String) async throws -> [Attachment] {
        try await client.withConnection { try await Self.attachments(of: id, unit: unit, on: $0, logger: logger) }
    }

    private static func attachments(of id: UUID, unit: String, on connection: PostgresConnection, logger: Logger)
        async throws -> [Attachment]
    {
        let rows = try await connection.query(
            """
            SELECT a.document_id, a.type, a.file_name, a.scan_status
            FROM declaration_attachment a JOIN declaration d ON d.id = a.declaration_id
            WHERE a.declaration_id = \(id) AND d.unit_code = \(unit) ORDER BY a.uploaded_at
            """,
            logger: logger
        )
        var attachments: [Attachment] = []
        for try await (document, type, name, status) in rows.decode((UUID, String, String, String).self) {
            guard let kind = Attachment.Kind(rawValue: type) else { continue }
            attachments.append(Attachment(documentId: document, kind: kind, fileName: name, scanStatus: status))
        }
        return attachments
    }

    /// The printable notice of a submitted declaration of the unit, once documents filed it.
    func notice(of id: UUID, unit: String) async throws -> UUID? {
        let rows = try await client.query(
            "SELECT notice_document_id FROM declaration WHERE id = \(id) AND unit_code = \(unit)",
            logger: logger
        )
        for try await document in rows.decode(UUID?.self) { return document }
        return nil
    }

    /// Saves a draft's answers as typed; false when it is no longer a draft of the unit.
    func saveDraft(_ id: UUID, unit: String, form: DeclarationForm) async throws -> Bool {
        let rows = try await client.query(
            """
            UPDATE declaration SET answers = \(try Self.json(form))::jsonb, updated_at = \(clock())
            WHERE id = \(id) AND unit_code = \(unit) AND state = 'draft'
            RETURNING id
            """,
            logger: logger
        )
        for try await _ in rows.decode(UUID.self) { return true }
        return false
    }

    /// Deletes a draft and its attachments (documents deletes their files); false when it is no longer a draft of
    /// the unit (a submitted declaration stays).
    func deleteDraft(_ id: UUID, unit: String, context: MessageContext) async throws -> Bool {
        let now = clock()
        return try await outbox.transaction(context: context, logger: logger) { connection, events in
            let draft = try await connection.query(
                "SELECT id FROM declaration WHERE id = \(id) AND unit_code = \(unit) AND state = 'draft' FOR UPDATE",
                logger: logger
            )
            guard try await draft.collect().count == 1 else { return false }
            let removed = try await connection.query(
                "DELETE FROM declaration_attachment WHERE declaration_id = \(id) RETURNING document_id",
                logger: logger
            )
            var documents: [UUID] = []
            for try await document in removed.decode(UUID.self) { documents.append(document) }
            try await connection.query("DELETE FROM declaration WHERE id = \(id)", logger: logger)
            if !documents.isEmpty {
                try await events.append(
                    DeclarationDraftDeleted(declarationId: id, documentIds: documents, deletedAt: now),
                    at: now
                )
            }
            return true
        }
    }

    /// What submitting a draft came to.
    enum Submission: Sendable, Equatable {
        case submitted(DeclarationCode)
        /// A step still has problems: the wizard goes back to it.
        case incomplete(DeclarationStep)
        /// Not a draft of the unit (already submitted from another tab, deleted, another unit's).
        case unavailable
    }

    /// Checks every answer, gives the declaration its code, freezes it and publishes it, in one transaction.
    func submit(_ id: UUID, by investigator: Investigator, today: Date, context: MessageContext) async throws
        -> Submission
    {
        try await outbox.transaction(context: context, logger: logger) { connection, events in
            // Locked, so that a step saved from another tab cannot slip in between the check and the submission.
            let rows = try await connection.query(
                """
                SELECT answers::text FROM declaration
                WHERE id = \(id) AND unit_code = \(investigator.unitCode) AND state = 'draft' FOR UPDATE
                """,
                logger: logger
            )
            var stored: DeclarationForm?
            for try await answers in rows.decode(String.self) { stored = try Self.form(answers) }
            guard let form = stored else { return .unavailable }
            if let step = form.firstIncompleteStep(today: today) { return .incomplete(step) }
            let code = try await unusedCode(on: connection)
            let now = clock()
            let expires = now.addingTimeInterval(Self.codeLifetime)
            try await connection.query(
                """
                UPDATE declaration SET state = 'submitted', code = \(code.value), code_expires_at = \(expires),
                    operation_date = \(form[.operationDate])::date, postal_code = \(form[.postalCode]),
                    commune = \(form[.commune]), submitted_at = \(now), updated_at = \(now)
                WHERE id = \(id)
                """,
                logger: logger
            )
            var submitted = DeclarationSubmitted(
                form,
                id: id,
                investigator: investigator,
                code: code,
                codeExpiresAt: expires,
                at: now
            )
            let attached = try await Self.attachments(
                of: id,
                unit: investigator.unitCode,
                on: connection,
                logger: logger
            )
            submitted.attachments = attached.filter { $0.scanStatus == "clean" }.map {
                DeclarationSubmitted.Attachment(id: $0.documentId, type: $0.kind.rawValue)
            }
            try await events.append(submitted, at: now)
            return .submitted(code)
        }
    }

    /// What correcting the occupant's contact came to.
    enum ContactUpdate: Sendable, Equatable {
        case invited
        /// The contact as typed, with its problems.
        case invalid(DeclarationForm, [DeclarationField: String])
        /// Not a submitted declaration of the unit waiting for its occupant (a draft, or already attached).
        case unavailable
    }

    /// Adds or corrects the occupant's contact of a submitted declaration not yet attached, renews its code's
    /// validity and invites the occupant again (`DeclarationContactUpdated`), in one transaction.
    func updateContact(
        _ id: UUID,
        by investigator: Investigator,
        from fields: [String: String],
        today: Date,
        context: MessageContext
    ) async throws -> ContactUpdate {
        try await outbox.transaction(context: context, logger: logger) { connection, events in
            let rows = try await connection.query(
                """
                SELECT answers::text, code, force FROM declaration
                WHERE id = \(id) AND unit_code = \(investigator.unitCode) AND state = 'submitted' FOR UPDATE
                """,
                logger: logger
            )
            var stored: (form: DeclarationForm, code: String, force: String)?
            for try await (answers, code, force) in rows.decode((String, String, String).self) {
                stored = (try Self.form(answers), code, force)
            }
            guard let stored, let code = DeclarationCode(typed: stored.code) else { return .unavailable }
            var form = stored.form
            // The contact form asks for the contact only: the answer "known" and the investigator's remarks stay.
            let kept = [
                DeclarationField.occupantKnown.rawValue: "oui",
                DeclarationField.occupantDetails.rawValue: form[.occupantDetails],
            ]
            form.update(.occupant, from: fields.merging(kept) { _, stored in stored })
            let problems = form.problems(in: .occupant, today: today)
            guard problems.isEmpty else { return .invalid(form, problems) }
            let now = clock()
            let expires = now.addingTimeInterval(Self.codeLifetime)
            try await connection.query(
                """
                UPDATE declaration SET answers = \(try Self.json(form))::jsonb, code_expires_at = \(expires),
                    updated_at = \(now)
                WHERE id = \(id)
                """,
                logger: logger
            )
            let submitted = DeclarationSubmitted(
                form,
                id: id,
                investigator: investigator,
                code: code,
                codeExpiresAt: expires,
                at: now
            )
            guard let occupant = submitted.occupant else { return .unavailable }
            try await events.append(
                DeclarationContactUpdated(
                    declarationId: id,
                    code: code,
                    codeExpiresAt: expires,
                    force: stored.force,
                    operationDate: submitted.operationDate,
                    address: submitted.address,
                    occupant: occupant,
                    updatedAt: now
                ),
                at: now
            )
            return .invited
        }
    }

    /// A random code no declaration holds (a collision is a one-in-a-billion event, retried).
    private func unusedCode(on connection: PostgresConnection) async throws -> DeclarationCode {
        for _ in 0..<5 {
            let code = DeclarationCode.random()
            let taken = try await connection.query(
                "SELECT 1 FROM declaration WHERE code = \(code.value)",
                logger: logger
            )
            var found = false
            for try await _ in taken.decode(Int.self) { found = true }
            if !found { return code }
        }
        throw DeclarationCodeExhaustedError()
    }

    private static func form(_ json: String) throws -> DeclarationForm {
        DeclarationForm(answers: try JSONDecoder().decode([String: String].self, from: Data(json.utf8)))
    }

    private static func json(_ form: DeclarationForm) throws -> String {
        String(decoding: try JSONEncoder().encode(form.stored), as: UTF8.self)
    }
}

/// Five random codes in a row were taken: the code space is exhausted or the generator is broken.
struct DeclarationCodeExhaustedError: Error {}
