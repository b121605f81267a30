import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO

/// Data protection requests (GDPR art. 15 and 17) and the services' answers. Opening one is audited, answers the
/// back office's part at once, and asks the other services for theirs (`SubjectRequestOpened`).
struct SubjectRequests: Sendable {
    /// A request with the answers received so far.
    struct Request: Sendable {
        var id: UUID
        var kind: SubjectRequestOpened.Kind
        var email: String
        var letter: String
        var requestedBy: String
        var requestedAt: Date
        /// Service → (records, data as JSON text, when).
        var reports: [String: (records: Int, data: String, at: Date)] = [:]
    }

    /// The services that answer, instruction included.
    static let services = ["instruction", "intake", "liaison", "notification"]

    let outbox: TransactionalOutbox
    let logger: Logger
    var clock: @Sendable () -> Date = { Date() }

    /// Opens a request, answers instruction's part and asks the others; its id.
    func open(_ kind: SubjectRequestOpened.Kind, email: String, letter: String, by agent: Agent) async throws -> UUID {
        let id = UUID()
        let now = clock()
        try await outbox.transaction(context: MessageContext(), logger: logger) { connection, events in
            try await connection.query(
                """
                INSERT INTO subject_request (id, kind, email, letter, requested_by, requested_at)
                VALUES (\(id), \(kind.rawValue), \(email), \(letter), \(agent.id), \(now))
                """,
                logger: logger
            )
            try await connection.query(
                """
                INSERT INTO audit_entry (occurred_at, agent_id, action, detail)
                VALUES (\(now), \(agent.id), \("subject-\(kind.rawValue)"), jsonb_build_object('request', \(id.uuidString)))
                """,
                logger: logger
            )
            let (records, data) =
                switch kind {
                case .access: try await BackOfficeSubjectData(connection: connection, logger: logger).access(email)
                case .erasure:
                    try await BackOfficeSubjectData(connection: connection, logger: logger)
                        .erase(email, at: now, events: events)
                }
            try await Self.record(
                .init(requestId: id, records: records, data: data, reportedAt: now),
                from: "instruction",
                on: connection,
                logger: logger
            )
            try await events.append(
                SubjectRequestOpened(requestId: id, kind: kind, email: email, openedAt: now),
                at: now
            )
        }
        return id
    }

    /// Files a service's answer (a redelivery changes nothing).
    static func record(
        _ report: SubjectRequestReport,
        from service: String,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO subject_request_report (request_id, service, records, data, reported_at)
            VALUES (\(report.requestId), \(service), \(report.records), \(report.data)::jsonb, \(report.reportedAt))
            ON CONFLICT DO NOTHING
            """,
            logger: logger
        )
    }

    /// The latest requests, newest first, with their answers.
    func recent(limit: Int = 50) async throws -> [Request] {
        try await requests("ORDER BY r.requested_at DESC LIMIT \(limit)")
    }

    func request(_ id: UUID) async throws -> Request? {
        try await requests("WHERE r.id = '\(id.uuidString)'").first
    }

    /// Notes in the audit that the referent downloaded a request's answers.
    func auditDownload(_ id: UUID, by agent: Agent) async throws {
        try await outbox.client.query(
            """
            INSERT INTO audit_entry (occurred_at, agent_id, action, detail)
            VALUES (\(clock()), \(agent.id), 'subject-download', jsonb_build_object('request', \(id.uuidString)))
            """,
            logger: logger
        )
    }

    private func requests(_ tail: String) async throws -> [Request] {
        let rows = try await outbox.client.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT r.id, r.kind, r.email, r.letter, a.display_name, r.requested_at
                    FROM subject_request r JOIN agent a ON a.id = r.requested_by \(tail)
                    """
            ),
            logger: logger
        )
        var requests: [Request] = []
        for try await (id, kind, email, letter, agent, at) in rows.decode(
            (UUID, String, String, String, String, Date).self
        ) {
            requests.append(
                Request(
                    id: id,
                    kind: SubjectRequestOpened.Kind(rawValue: kind) ?? .access,
                    email: email,
                    letter: letter,
                    requestedBy: agent,
                    requestedAt: at
                )
            )
        }
        let reports = try await outbox.client.query(
            """
            SELECT request_id, service, records, data::text, reported_at FROM subject_request_report
            WHERE request_id = ANY(\(requests.map(\.id)))
            """,
            logger: logger
        )
        for try await (id, service, records, data, at) in reports.decode((UUID, String, Int, String, Date).self) {
            guard let index = requests.firstIndex(where: { $0.id == id }) else { continue }
            requests[index].reports[service] = (records, data, at)
        }
        return requests
    }
}
