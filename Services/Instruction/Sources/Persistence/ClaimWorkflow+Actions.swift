import Contracts
import Foundation
import Messaging
import PostgresNIO
import ServiceKit

/// The actions of the first part of instruction: attribution, start, requests for information, closure,
/// notes and document reviews.
extension ClaimWorkflow {
    /// T2, or a reassignment: the claim goes to an active rédacteur other than its current one.
    func assign(_ claimId: UUID, to assigneeId: UUID, by agent: Agent, context: MessageContext) async throws {
        try await perform(.assign, on: claimId, by: agent, context: context) { step in
            guard step.claim.assigneeId != assigneeId else {
                throw InvalidActionInput("redacteur", "Le dossier est déjà attribué à cet agent.")
            }
            guard let assignee = try await activeRedacteur(assigneeId, on: step.connection) else {
                throw InvalidActionInput("redacteur", "Choisissez un rédacteur actif.")
            }
            try await step.connection.query(
                "UPDATE claim SET assignee_id = \(assigneeId) WHERE id = \(claimId)",
                logger: step.logger
            )
            step.audit["assignee"] = assigneeId.uuidString
            try await step.events.append(
                ClaimAssigned(
                    claimId: claimId,
                    reference: step.claim.reference,
                    assignee: assignee,
                    assignedBy: agent.id,
                    assignedAt: step.now,
                    isReassignment: step.claim.assigneeId != nil
                ),
                at: step.now
            )
        }
    }

    /// T3.
    func startInstruction(_ claimId: UUID, by agent: Agent, context: MessageContext) async throws {
        try await perform(.startInstruction, on: claimId, by: agent, context: context) { step in
            try await step.events.append(
                InstructionStarted(claimId: claimId, reference: step.claim.reference, startedAt: step.now),
                at: step.now
            )
        }
    }

    /// Asks the claimant for documents or information by a date; returns the request's id.
    @discardableResult
    func requestInformation(
        _ claimId: UUID,
        _ input: InformationRequestInput,
        by agent: Agent,
        context: MessageContext
    ) async throws -> UUID {
        let requestId = UUID()
        try await perform(.requestInformation, on: claimId, by: agent, context: context) { step in
            try await step.connection.query(
                """
                INSERT INTO information_request (id, claim_id, requested_by, requested_at, due_on, document_types, message)
                VALUES (\(requestId), \(claimId), \(agent.id), \(step.now), \(input.dueOn)::date, \(input.documentTypes),
                        \(input.message))
                """,
                logger: step.logger
            )
            step.audit["request"] = requestId.uuidString
            step.audit["documentTypes"] = input.documentTypes.joined(separator: ",")
            step.audit["dueOn"] = input.dueOn
            try await step.events.append(
                InformationRequested(
                    claimId: claimId,
                    reference: step.claim.reference,
                    requestId: requestId,
                    documentTypes: input.documentTypes,
                    message: input.message,
                    dueOn: input.dueOn,
                    requestedAt: step.now
                ),
                at: step.now
            )
        }
        return requestId
    }

    /// Asks the unit that declared the door break a question by a date; returns the question's id.
    @discardableResult
    func askInvestigator(_ claimId: UUID, _ input: InvestigatorQueryInput, by agent: Agent, context: MessageContext)
        async throws -> UUID
    {
        let queryId = UUID()
        try await perform(.askInvestigator, on: claimId, by: agent, context: context) { step in
            let rows = try await step.connection.query(
                """
                SELECT d.id, d.unit_code FROM claim c JOIN declaration d ON d.id = (c.snapshot->>'declarationId')::uuid
                WHERE c.id = \(claimId)
                """,
                logger: step.logger
            )
            var declaration: (id: UUID, unit: String)?
            for try await row in rows.decode((UUID, String).self) { declaration = row }
            guard let declaration else {
                throw ActionUnavailable(message: "Aucune déclaration d’enquêteurs n’est rattachée à ce dossier.")
            }
            try await step.connection.query(
                """
                INSERT INTO investigator_query (id, claim_id, declaration_id, question, due_on, asked_by, asked_at)
                VALUES (\(queryId), \(claimId), \(declaration.id), \(input.question), \(input.dueOn)::date, \(agent.id),
                        \(step.now))
                """,
                logger: step.logger
            )
            step.audit["query"] = queryId.uuidString
            step.audit["dueOn"] = input.dueOn
            try await step.events.append(
                InvestigatorQuerySent(
                    queryId: queryId,
                    claimId: claimId,
                    reference: step.claim.reference,
                    declarationId: declaration.id,
                    unitCode: declaration.unit,
                    question: input.question,
                    dueOn: input.dueOn,
                    askedBy: agent.displayName,
                    askedAt: step.now
                ),
                at: step.now
            )
        }
        return queryId
    }

    /// T4.
    func close(_ claimId: UUID, _ input: ClosureInput, by agent: Agent, context: MessageContext) async throws {
        try await perform(.close, on: claimId, by: agent, context: context) { step in
            step.audit["reason"] = input.reason.rawValue
            try await step.events.append(
                ClaimClosed(
                    claimId: claimId,
                    reference: step.claim.reference,
                    reason: input.reason.rawValue,
                    explanation: input.explanation,
                    closedAt: step.now
                ),
                at: step.now
            )
        }
    }

    /// A private note; its text stays in `claim_note`, the audit names it only.
    func addNote(_ claimId: UUID, body: String, by agent: Agent, context: MessageContext) async throws {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw InvalidActionInput("note", "Écrivez la note avant de l’enregistrer.") }
        guard text.count <= 5000 else {
            throw InvalidActionInput(
                "note",
                "La note ne doit pas dépasser 5 000 caractères (elle en compte \(text.count))."
            )
        }
        let noteId = UUID()
        try await perform(.addNote, on: claimId, by: agent, context: context) { step in
            try await step.connection.query(
                """
                INSERT INTO claim_note (id, claim_id, agent_id, body, created_at)
                VALUES (\(noteId), \(claimId), \(agent.id), \(text), \(step.now))
                """,
                logger: step.logger
            )
            step.audit["note"] = noteId.uuidString
        }
    }

    /// Accepts or rejects one of the claim's documents.
    func reviewDocument(
        _ claimId: UUID,
        document documentId: UUID,
        _ input: DocumentReviewInput,
        by agent: Agent,
        context: MessageContext
    ) async throws {
        try await perform(.reviewDocument, on: claimId, by: agent, context: context) { step in
            let updated = try await step.connection.query(
                """
                UPDATE claim_document SET verdict = \(input.verdict.rawValue), reason = \(input.reason),
                    reviewed_by = \(agent.id), reviewed_at = \(step.now)
                WHERE claim_id = \(claimId) AND document_id = \(documentId)
                RETURNING document_id
                """,
                logger: step.logger
            )
            guard try await updated.collect().count == 1 else { throw ClaimNotFound() }
            step.audit["document"] = documentId.uuidString
            step.audit["verdict"] = input.verdict.rawValue
        }
    }

    private func activeRedacteur(_ id: UUID, on connection: PostgresConnection) async throws -> AgentContact? {
        let rows = try await connection.query(
            """
            SELECT display_name, email FROM agent
            WHERE id = \(id) AND active AND \(AgentRole.redacteur.rawValue) = ANY (roles)
            """,
            logger: logger
        )
        for try await (name, email) in rows.decode((String, String).self) {
            return AgentContact(agentId: id, displayName: name, email: email)
        }
        return nil
    }
}
