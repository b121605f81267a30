import Contracts
import Foundation
import Messaging
import PostgresNIO

/// Liaison's answer to a data protection request about an occupant named in declarations: what the declarations say
/// about them (access; the procedure, confidential to the investigation, is left out), or their identity and
/// contact details removed from the declarations no claim has taken up yet (erasure; a declaration attached to a
/// claim goes with the claim's retention).
struct SubjectRequestHandler: EventHandler {
    static let occupantFields = ["civilite", "nom", "prenom", "courriel", "telephone", "precisions"]

    func handle(_ event: SubjectRequestOpened, context: HandlerContext) async throws {
        let email = event.email.lowercased()
        var records = 0
        let data: String
        switch event.kind {
        case .access:
            let rows = try await context.connection.query(
                """
                SELECT jsonb_build_object(
                    'declaration', id, 'state', state, 'operation_date', operation_date, 'postal_code', postal_code,
                    'commune', commune, 'submitted_at', submitted_at, 'claim_id', claim_id,
                    'occupant', (SELECT jsonb_object_agg(key, value) FROM jsonb_each(answers)
                                 WHERE key = ANY(\(Self.occupantFields)) OR key LIKE 'adresse%'))::text
                FROM declaration WHERE lower(answers->>'courriel') = \(email) ORDER BY created_at
                """,
                logger: context.logger
            )
            var declarations: [String] = []
            for try await json in rows.decode(String.self) { declarations.append(json) }
            records = declarations.count
            data = "{\"declarations\":[\(declarations.joined(separator: ","))]}"
        case .erasure:
            let rows = try await context.connection.query(
                """
                UPDATE declaration SET answers = answers - \(Self.occupantFields)::text[], updated_at = now()
                WHERE lower(answers->>'courriel') = \(email) AND claim_id IS NULL
                RETURNING id
                """,
                logger: context.logger
            )
            for try await _ in rows.decode(UUID.self) { records += 1 }
            data = "{\"declarations_without_occupant\":\(records)}"
        }
        try await context.outbox.append(
            LiaisonSubjectReport(
                report: .init(requestId: event.requestId, records: records, data: data, reportedAt: Date())
            )
        )
    }
}
