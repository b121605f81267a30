import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO

/// The questions rédacteurs ask a unit, read and answered only by that unit's investigators.
struct QueryBoard: Sendable {
    let outbox: TransactionalOutbox
    let logger: Logger
    var clock: @Sendable () -> Date = { Date() }

    private var client: PostgresClient { outbox.client }

    /// The unit's questions still waiting for an answer, the most urgent first.
    func waiting(unit: String) async throws -> [InvestigatorQuery] {
        try await queries(where: "q.unit_code = $1 AND q.answered_at IS NULL ORDER BY q.due_on, q.asked_at", unit)
    }

    /// The questions about one of the unit's declarations, newest first.
    func queries(declaration: UUID, unit: String) async throws -> [InvestigatorQuery] {
        try await queries(
            where: "q.unit_code = $1 AND q.declaration_id = $2 ORDER BY q.asked_at DESC",
            unit,
            declaration
        )
    }

    /// What answering came to.
    enum Answer: Sendable, Equatable {
        case sent(declaration: UUID)
        /// Answered already (from another tab, by a colleague), or not the unit's question.
        case unavailable
    }

    /// Records the answer and publishes it to instruction, once.
    func answer(_ queryId: UUID, text: String, by investigator: Investigator, context: MessageContext) async throws
        -> Answer
    {
        let now = clock()
        return try await outbox.transaction(context: context, logger: logger) { connection, events in
            let rows = try await connection.query(
                """
                UPDATE investigator_query SET answer = \(text), answered_by = \(investigator.id), answered_at = \(now)
                WHERE id = \(queryId) AND unit_code = \(investigator.unitCode) AND answered_at IS NULL
                RETURNING declaration_id, claim_id, claim_reference
                """,
                logger: logger
            )
            for try await (declaration, claim, reference) in rows.decode((UUID, UUID, String).self) {
                try await events.append(
                    InvestigatorQueryAnswered(
                        queryId: queryId,
                        claimId: claim,
                        reference: reference,
                        answer: text,
                        answeredBy: investigator.displayName,
                        answeredAt: now
                    ),
                    at: now
                )
                return .sent(declaration: declaration)
            }
            return .unavailable
        }
    }

    private func queries(where condition: String, _ bindings: any PostgresEncodable & Sendable...) async throws
        -> [InvestigatorQuery]
    {
        var values = PostgresBindings()
        for binding in bindings { try values.append(binding) }
        let rows = try await client.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT q.id, q.declaration_id, q.claim_reference, q.question, to_char(q.due_on, 'YYYY-MM-DD'),
                           q.asked_by, q.asked_at, q.answer, i.display_name, q.answered_at
                    FROM investigator_query q LEFT JOIN investigator i ON i.id = q.answered_by
                    WHERE \(condition)
                    """,
                binds: values
            ),
            logger: logger
        )
        var queries: [InvestigatorQuery] = []
        for try await (id, declaration, reference, question, due, askedBy, askedAt, answer, answeredBy, answeredAt)
            in rows.decode((UUID, UUID, String, String, String, String, Date, String?, String?, Date?).self)
        {
            queries.append(
                InvestigatorQuery(
                    id: id,
                    declarationId: declaration,
                    claimReference: reference,
                    question: question,
                    dueOn: due,
                    askedBy: askedBy,
                    askedAt: askedAt,
                    answer: answer,
                    answeredBy: answeredBy,
                    answeredAt: answeredAt
                )
            )
        }
        let files = try await attachments(of: queries.map(\.id))
        return queries.map { query in
            var query = query
            query.attachments = files[query.id] ?? []
            return query
        }
    }

    private func attachments(of queries: [UUID]) async throws -> [UUID: [QueryAttachment]] {
        guard !queries.isEmpty else { return [:] }
        let rows = try await client.query(
            """
            SELECT query_id, document_id, file_name, scan_status FROM query_attachment
            WHERE query_id = ANY(\(queries)) AND scan_status <> 'infected' ORDER BY uploaded_at
            """,
            logger: logger
        )
        var files: [UUID: [QueryAttachment]] = [:]
        for try await (query, document, name, status) in rows.decode((UUID, UUID, String, String).self) {
            files[query, default: []].append(QueryAttachment(documentId: document, fileName: name, scanStatus: status))
        }
        return files
    }

    /// The declaration a question of the unit is about, when this readable file is joined to it.
    func declarationOf(attachment document: UUID, query: UUID, unit: String) async throws -> UUID? {
        let rows = try await client.query(
            """
            SELECT q.declaration_id FROM query_attachment f JOIN investigator_query q ON q.id = f.query_id
            WHERE f.document_id = \(document) AND q.id = \(query) AND q.unit_code = \(unit) AND f.scan_status = 'clean'
            """,
            logger: logger
        )
        for try await declaration in rows.decode(UUID.self) { return declaration }
        return nil
    }
}
