import Contracts
import Foundation
import Logging
import Messaging
import Persistence
import PostgresNIO

/// Liaison's answer to a data protection request about an occupant named in declarations: what the declarations say
/// about them (access; the procedure, confidential to the investigation, is left out), or their identity and
/// contact details removed from the declarations no claim has taken up yet (erasure; a declaration attached to a
/// claim goes with the claim's retention).
struct SubjectRequestHandler: EventHandler {
    static let occupantFields = ["civilite", "nom", "prenom", "courriel", "telephone", "precisions"]
    /// Where the door was broken, the occupant's home, given with them.
    static let placeFields = ["codePostal", "commune"]

    /// What the access answer gives of each table, and why the others are not given.
    static let inventory = PersonalDataInventory(
        reported: [
            // The answers' occupant and address parts are given apart (`occupant`), the rest is the procedure's.
            "declaration": ["answers", "code", "declared_by", "unit_code"]
        ],
        notReported: [
            "declaration_attachment": Self.confidential, "investigator_query": Self.confidential,
            "query_attachment": Self.confidential,
            "claim_progress": "the claim's progress, which instruction's answer gives",
            "investigator": "the investigators' accounts", "investigator_enrolment": "the investigators' enrolments",
            "web_session": "the investigators' sessions", "throttle_hit": "the investigators' failed sign-ins",
            "oidc_sign_in": "the investigators' sign-ins in progress",
            "principal_sign_in": "the investigators' last sign-ins",
        ]
    )
    private static let confidential = "the intervention report and the questions: confidential to the procedure"

    /// The declarations naming this address as the occupant's, as the access answer gives them.
    static func access(_ email: String, on connection: PostgresConnection, logger: Logger) async throws
        -> (records: Int, data: String)
    {
        let rows = try await connection.query(
            """
            SELECT (\(unescaped: inventory.row("declaration", as: "d")) || jsonb_build_object(
                'occupant', (SELECT jsonb_object_agg(key, value) FROM jsonb_each(d.answers)
                             WHERE key = ANY(\(occupantFields + placeFields)) OR key LIKE 'adresse%'),
                'withheld', \(confidential)))::text
            FROM declaration d WHERE lower(d.answers->>'courriel') = \(email.lowercased()) ORDER BY d.created_at
            """,
            logger: logger
        )
        var declarations: [String] = []
        for try await json in rows.decode(String.self) { declarations.append(json) }
        return (declarations.count, "{\"declarations\":[\(declarations.joined(separator: ","))]}")
    }

    func handle(_ event: SubjectRequestOpened, context: HandlerContext) async throws {
        let email = event.email.lowercased()
        var records = 0
        let data: String
        switch event.kind {
        case .access:
            (records, data) = try await Self.access(email, on: context.connection, logger: context.logger)
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
