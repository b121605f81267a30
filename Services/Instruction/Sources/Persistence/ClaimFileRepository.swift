import Contracts
import Foundation
import Logging
import PostgresNIO
import ReferenceData

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
        async let queries = investigatorQueries(of: id)
        file.documents = try await documents
        file.history = try await history
        file.notes = try await notes
        file.informationRequests = try await requests
        file.otherClaims = try await others
        file.decision = try await decision
        file.paymentOrder = try await order
        file.investigatorQueries = try await queries
        if let declaration = file.snapshot?.declarationId {
            file.declaration = try await self.declaration(declaration)
        } else {
            file.competentUnits = try await competentUnits(of: id, doorBreak: file.snapshot?.doorBreak)
        }
        return file
    }

    /// The units of the claimant's force in the claim's département, those of the door break's commune first.
    private func competentUnits(of id: UUID, doorBreak: ClaimSubmitted.DoorBreak?) async throws -> CompetentUnits? {
        let rows = try await client.query("SELECT department FROM claim WHERE id = \(id)", logger: logger)
        var department: String?
        for try await code in rows.decode(String.self) { department = code }
        let places = Places(client: client, logger: logger)
        guard let department, let name = try await places.departmentName(department) else { return nil }
        // In Paris and its inner suburbs the police nationale answers to the préfecture de police.
        let force = doorBreak?.force == "PN" && ["75", "92", "93", "94"].contains(department) ? "PP" : doorBreak?.force
        let commune = PlaceNames.folded(doorBreak?.commune ?? "")
        func rank(_ unit: ReferenceUnit) -> (Int, String, String) {
            (PlaceNames.folded(unit.commune) == commune ? 0 : 1, unit.commune, unit.name)
        }
        let units = try await places.units(inDepartment: department, force: force).sorted { rank($0) < rank($1) }
        return units.isEmpty ? nil : CompetentUnits(departmentName: name, force: force, units: Array(units.prefix(12)))
    }

    /// Whether the document is one of the submitted claim's.
    func holds(_ document: UUID, claim: UUID, includingPaymentOrders: Bool) async throws -> Bool {
        let rows = try await client.query(
            """
            SELECT 1 FROM claim_document d JOIN claim c ON c.id = d.claim_id
            WHERE d.claim_id = \(claim) AND d.document_id = \(document) AND c.status <> 'A_FINALISER'
            UNION ALL
            SELECT 1 FROM signed_letter WHERE claim_id = \(claim) AND document_id = \(document)
                AND (kind <> 'arrete_paiement' OR \(includingPaymentOrders))
            """,
            logger: logger
        )
        return try await rows.collect().count == 1
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
            WHERE c.id = \(id) AND c.status <> 'A_FINALISER' AND c.purged_at IS NULL
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

    /// Agents' actions from the audit, the moves made by the claimant or the platform, and the messages the claimant
    /// could not be sent.
    private func history(of id: UUID) async throws -> [ClaimFile.HistoryEntry] {
        let rows = try await client.query(
            """
            SELECT e.occurred_at, a.display_name, e.action, e.to_state
            FROM audit_entry e JOIN agent a ON a.id = e.agent_id WHERE e.claim_id = \(id)
            UNION ALL
            SELECT entered_at, NULL, 'state', state FROM claim_state_change WHERE claim_id = \(id) AND agent_id IS NULL
            UNION ALL
            SELECT answered_at, NULL, 'answered', NULL FROM information_request WHERE claim_id = \(id) AND answered_at IS NOT NULL
            UNION ALL
            SELECT failed_at, NULL, 'undelivered:' || channel, NULL FROM claim_undelivered_message WHERE claim_id = \(id)
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

    private func declaration(_ id: UUID) async throws -> ClaimFile.Declaration? {
        let rows = try await client.query(
            """
            SELECT unit_code, force, operational_error, facts, to_char(operation_date, 'YYYY-MM-DD'), procedure_number,
                   investigating_service, service_phone, court, magistrate
            FROM declaration WHERE id = \(id)
            """,
            logger: logger
        )
        for try await (unit, force, error, facts, date, number, service, phone, court, magistrate) in rows.decode(
            (String, String, String, String, String, String, String, String, String?, String?).self
        ) {
            var declaration = ClaimFile.Declaration(
                id: id,
                unitCode: unit,
                force: force,
                operationalError: error,
                facts: facts,
                operationDate: date,
                procedureNumber: number,
                investigatingService: service,
                servicePhone: phone,
                court: court,
                magistrate: magistrate
            )
            let files = try await client.query(
                "SELECT document_id, type FROM declaration_attachment WHERE declaration_id = \(id) ORDER BY type",
                logger: logger
            )
            for try await (document, type) in files.decode((UUID, String).self) {
                declaration.attachments.append(.init(id: document, type: type))
            }
            return declaration
        }
        return nil
    }

    /// The declaration folder of a claim's declaration when it holds this attachment.
    func declarationHolding(_ document: UUID, claim: UUID) async throws -> UUID? {
        let rows = try await client.query(
            """
            SELECT a.declaration_id FROM declaration_attachment a
            JOIN claim c ON (c.snapshot->>'declarationId')::uuid = a.declaration_id
            WHERE c.id = \(claim) AND a.document_id = \(document)
            """,
            logger: logger
        )
        for try await declaration in rows.decode(UUID.self) { return declaration }
        return nil
    }

    private func investigatorQueries(of id: UUID) async throws -> [ClaimFile.InvestigatorQuery] {
        let rows = try await client.query(
            """
            SELECT q.id, q.asked_at, a.display_name, q.question, to_char(q.due_on, 'YYYY-MM-DD'), q.answer,
                   q.answered_by, q.answered_at
            FROM investigator_query q JOIN agent a ON a.id = q.asked_by
            WHERE q.claim_id = \(id) ORDER BY q.asked_at DESC
            """,
            logger: logger
        )
        let attachments = try await queryAttachments(of: id)
        var queries: [ClaimFile.InvestigatorQuery] = []
        for try await (query, at, author, question, due, answer, answeredBy, answeredAt) in rows.decode(
            (UUID, Date, String, String, String, String?, String?, Date?).self
        ) {
            queries.append(
                .init(
                    id: query,
                    askedAt: at,
                    askedBy: author,
                    question: question,
                    dueOn: due,
                    answer: answer,
                    answeredBy: answeredBy,
                    answeredAt: answeredAt,
                    attachments: attachments[query] ?? []
                )
            )
        }
        return queries
    }

    /// The files joined to the claim's questions, by question, infected ones left out.
    private func queryAttachments(of claim: UUID) async throws -> [UUID: [ClaimFile.InvestigatorQuery.Attachment]] {
        let rows = try await client.query(
            """
            SELECT f.query_id, f.document_id, f.file_name, f.scan_status
            FROM investigator_query_attachment f JOIN investigator_query q ON q.id = f.query_id
            WHERE q.claim_id = \(claim) AND f.scan_status <> 'infected' ORDER BY f.uploaded_at
            """,
            logger: logger
        )
        var files: [UUID: [ClaimFile.InvestigatorQuery.Attachment]] = [:]
        for try await (query, document, name, status) in rows.decode((UUID, UUID, String, String).self) {
            files[query, default: []].append(.init(documentId: document, fileName: name, scanStatus: status))
        }
        return files
    }

    /// The question of a claim a readable file was joined to.
    func queryHolding(_ document: UUID, claim: UUID) async throws -> UUID? {
        let rows = try await client.query(
            """
            SELECT f.query_id FROM investigator_query_attachment f JOIN investigator_query q ON q.id = f.query_id
            WHERE q.claim_id = \(claim) AND f.document_id = \(document) AND f.scan_status = 'clean'
            """,
            logger: logger
        )
        for try await query in rows.decode(UUID.self) { return query }
        return nil
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
}
