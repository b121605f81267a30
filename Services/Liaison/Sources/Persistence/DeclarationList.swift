import Contracts
import Foundation
import Logging
import PostgresNIO

/// The unit's declarations, newest first, with the filters of the list page.
struct DeclarationList: Sendable {
    /// What the list page asks for.
    struct Filter: Sendable, Equatable {
        var state: Declaration.State?
        /// A code, a postal code, a commune or a procedure number, typed in part.
        var text = ""
        /// Operations on or after this day (`YYYY-MM-DD`).
        var from: String?
        /// Operations on or before this day.
        var to: String?
    }

    /// One line of the list.
    struct Line: Sendable, Equatable {
        var id: UUID
        var state: Declaration.State
        var code: DeclarationCode?
        /// `YYYY-MM-DD`, or empty for a draft without it yet.
        var operationDate: String
        var place: String
        var declaredBy: String
        var updatedAt: Date
        var claimOutcome: ClaimOutcome?
    }

    let client: PostgresClient
    let logger: Logger

    static let pageSize = 50

    func lines(unit: String, filter: Filter) async throws -> [Line] {
        let pattern = "%" + filter.text.replacingOccurrences(of: "-", with: "").lowercased() + "%"
        let rows = try await client.query(
            """
            SELECT d.id, d.state, d.code, coalesce(d.answers->>'dateOperation', ''),
                   trim(concat_ws(' ', d.answers->>'codePostal', d.answers->>'commune')), i.display_name, d.updated_at,
                   p.outcome
            FROM declaration d JOIN investigator i ON i.id = d.declared_by
                LEFT JOIN claim_progress p ON p.claim_id = d.claim_id
            WHERE d.unit_code = \(unit)
              AND (\(filter.state?.rawValue)::text IS NULL OR d.state = \(filter.state?.rawValue))
              AND (\(filter.text.isEmpty) OR replace(lower(concat_ws(' ', d.code, d.answers->>'codePostal', d.answers->>'commune',
                   d.answers->>'numeroProcedure')), '-', '') LIKE \(pattern))
              AND (\(filter.from)::date IS NULL OR d.operation_date >= \(filter.from)::date)
              AND (\(filter.to)::date IS NULL OR d.operation_date <= \(filter.to)::date)
            ORDER BY d.updated_at DESC
            LIMIT \(Self.pageSize)
            """,
            logger: logger
        )
        var lines: [Line] = []
        for try await (id, state, code, date, place, author, updated, outcome) in rows.decode(
            (UUID, String, String?, String, String, String, Date, String?).self
        ) {
            lines.append(
                Line(
                    id: id,
                    state: Declaration.State(rawValue: state) ?? .submitted,
                    code: code.flatMap(DeclarationCode.init(typed:)),
                    operationDate: date,
                    place: place,
                    declaredBy: author,
                    updatedAt: updated,
                    claimOutcome: outcome.flatMap(ClaimOutcome.init(rawValue:))
                )
            )
        }
        return lines
    }
}
