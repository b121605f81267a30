import Foundation
import Logging
import PostgresNIO

/// Read side of the agents' claim lists: search with filters, and counts per state.
struct ClaimQueue: Sendable {
    let client: PostgresClient
    let logger: Logger
    var clock: @Sendable () -> Date = { Date() }

    /// One page of the claims matching `search`, and how many match in all.
    func search(_ search: ClaimSearch) async throws -> (claims: [ClaimSummary], total: Int) {
        let filter = try Self.whereClause(search)
        let order: String =
            switch search.sort {
            case .newest: "c.submitted_at DESC, c.id"
            case .oldest: "c.submitted_at, c.id"
            case .longestWaiting: "c.state_entered_at, c.id"
            }
        let query = PostgresQuery(
            unsafeSQL: """
                SELECT c.id, c.reference, c.status, c.claimant_first_name || ' ' || c.claimant_last_name, c.commune,
                       c.department, c.submitted_at, c.state_entered_at, a.display_name
                FROM claim c LEFT JOIN agent a ON a.id = c.assignee_id
                WHERE \(filter.sql)
                ORDER BY \(order)
                LIMIT \(min(max(search.pageSize, 1), 100)) OFFSET \(max(search.page - 1, 0) * search.pageSize)
                """,
            binds: filter.binds
        )
        // Counted apart: a window count would make PostgreSQL read every matching row for each page.
        async let total = count(search)
        let rows = try await client.query(query, logger: logger)
        let now = clock()
        var claims: [ClaimSummary] = []
        for try await (id, reference, status, name, commune, department, submittedAt, enteredAt, assignee)
            in rows.decode((UUID, String, String, String, String, String, Date, Date, String?).self)
        {
            claims.append(
                ClaimSummary(
                    id: id,
                    reference: reference,
                    status: status,
                    claimantName: name,
                    commune: commune,
                    department: department,
                    submittedAt: submittedAt,
                    stateEnteredAt: enteredAt,
                    assigneeName: assignee,
                    isOverdue: ClaimState(rawValue: status)?.isOverdue(enteredAt: enteredAt, now: now) ?? false
                )
            )
        }
        return (claims, try await total)
    }

    /// Claims per state: all of them, those assigned to `agent`, and those past their target delay.
    func counts(for agent: UUID?) async throws -> [ClaimState: StateCount] {
        // The target delays are constants of the code, written into the SQL; the values are bound.
        let targets = ClaimState.allCases.compactMap { state in
            state.targetDays.map { "WHEN '\(state.rawValue)' THEN \($0)" }
        }.joined(separator: " ")
        var binds = PostgresBindings()
        binds.append(agent)
        binds.append(clock())
        let rows = try await client.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT status, count(*), count(*) FILTER (WHERE assignee_id = $1), count(*) FILTER (WHERE overdue),
                           count(*) FILTER (WHERE overdue AND assignee_id = $1)
                    FROM (SELECT status, assignee_id,
                                 state_entered_at < $2 - make_interval(days => CASE status \(targets) END) AS overdue
                          FROM claim) claims
                    GROUP BY status
                    """,
                binds: binds
            ),
            logger: logger
        )
        var counts: [ClaimState: StateCount] = [:]
        for try await (status, all, mine, overdue, mineOverdue) in rows.decode((String, Int, Int, Int, Int).self) {
            guard let state = ClaimState(rawValue: status) else { continue }
            counts[state] = StateCount(all: all, mine: mine, overdue: overdue, mineOverdue: mineOverdue)
        }
        return counts
    }

    struct StateCount: Sendable, Equatable {
        var all: Int
        var mine: Int
        var overdue: Int
        /// Those of `mine` past their target delay.
        var mineOverdue = 0
    }

    private func count(_ search: ClaimSearch) async throws -> Int {
        let filter = try Self.whereClause(search)
        let rows = try await client.query(
            PostgresQuery(unsafeSQL: "SELECT count(*) FROM claim c WHERE \(filter.sql)", binds: filter.binds),
            logger: logger
        )
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    /// The filters as SQL with numbered parameters; only constant SQL text is built here, values are bound.
    private static func whereClause(_ search: ClaimSearch) throws -> (sql: String, binds: PostgresBindings) {
        // Claims past their retention are anonymous figures now: statistics count them, lists do not show them.
        var conditions = ["c.status <> 'A_FINALISER'", "c.purged_at IS NULL"]
        var binds = PostgresBindings()
        func bind(_ value: some PostgresEncodable & Sendable, _ condition: (String) -> String) throws {
            try binds.append(value)
            conditions.append(condition("$\(binds.count)"))
        }
        if let state = search.state { try bind(state.rawValue) { "c.status = \($0)" } }
        switch search.assignee {
        case .anyone: break
        case .unassigned: conditions.append("c.assignee_id IS NULL")
        case .agent(let id): try bind(id) { "c.assignee_id = \($0)" }
        }
        if let department = search.department { try bind(department) { "c.department = \($0)" } }
        if let from = search.submittedFrom {
            try bind(from) { "c.submitted_at >= (\($0)::date::timestamp AT TIME ZONE 'Europe/Paris')" }
        }
        if let to = search.submittedTo {
            try bind(to) { "c.submitted_at < ((\($0)::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')" }
        }
        if let force = search.force { try bind(force) { "c.snapshot -> 'doorBreak' ->> 'force' = \($0)" } }
        if let text = search.text, !text.isEmpty {
            let pattern =
                "%"
                + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            try bind(pattern) { "c.search_text LIKE \($0)" }
        }
        return (conditions.joined(separator: " AND "), binds)
    }
}
