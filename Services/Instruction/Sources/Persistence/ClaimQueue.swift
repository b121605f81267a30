import Foundation
import Logging
import PostgresNIO

/// Read side of the agents' claim lists.
struct ClaimQueue: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// Most recent claims first, optionally in one state; `limit` ≤ 100.
    func list(state: ClaimState?, limit: Int, offset: Int) async throws -> [ClaimSummary] {
        let rows = try await client.query(
            """
            SELECT id, reference, status, claimant_first_name || ' ' || claimant_last_name, commune, department, submitted_at
            FROM claim
            WHERE \(state?.rawValue)::text IS NULL OR status = \(state?.rawValue)
            ORDER BY submitted_at DESC, id
            LIMIT \(min(max(limit, 1), 100)) OFFSET \(max(offset, 0))
            """,
            logger: logger
        )
        var result: [ClaimSummary] = []
        for try await (id, reference, status, name, commune, department, submittedAt)
            in rows.decode((UUID, String, String, String, String, String, Date).self)
        {
            result.append(
                ClaimSummary(
                    id: id, reference: reference, status: status, claimantName: name, commune: commune,
                    department: department, submittedAt: submittedAt
                )
            )
        }
        return result
    }
}
