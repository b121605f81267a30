import Foundation
import Logging
import PostgresNIO

/// Computes the office's statistics from the claims' state history, in a handful of aggregate queries.
struct StatisticsRepository: Sendable {
    let client: PostgresClient
    let queue: ClaimQueue
    let logger: Logger
    var clock: @Sendable () -> Date = { Date() }

    func statistics() async throws -> ClaimStatistics {
        async let timeInState = timeInState()
        async let milestones = milestones()
        async let backlog = queue.counts(for: nil)
        async let byAgent = backlogByAgent()
        async let rejections = rejections()
        let reached = try await milestones
        return ClaimStatistics(
            timeInState: try await timeInState,
            toDecision: reached["decision"] ?? .none,
            toPayment: reached["payment"] ?? .none,
            backlog: try await backlog,
            backlogByAgent: try await byAgent,
            rejections: try await rejections
        )
    }

    private func timeInState() async throws -> [ClaimState: ClaimStatistics.Durations] {
        let rows = try await client.query(
            """
            SELECT state, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds)
            FROM (SELECT state, extract(epoch FROM coalesce(lead(entered_at) OVER (PARTITION BY claim_id
                                                                                ORDER BY entered_at, id),
                                                         \(clock())) - entered_at)::float8 AS seconds
                  FROM claim_state_change) stays
            GROUP BY state
            """,
            logger: logger
        )
        var durations: [ClaimState: ClaimStatistics.Durations] = [:]
        for try await (state, count, median, p90) in rows.decode((String, Int, Double, Double).self) {
            guard let state = ClaimState(rawValue: state) else { continue }
            durations[state] = .init(count: count, median: median, p90: p90)
        }
        return durations
    }

    /// Submission to the first signed decision (`decision`) and to the transfer (`payment`).
    private func milestones() async throws -> [String: ClaimStatistics.Durations] {
        let rows = try await client.query(
            """
            SELECT milestone, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds)
            FROM (SELECT CASE WHEN s.state = \(ClaimState.paid.rawValue) THEN 'payment' ELSE 'decision' END AS milestone,
                         extract(epoch FROM min(s.entered_at) - c.submitted_at)::float8 AS seconds
                  FROM claim c JOIN claim_state_change s ON s.claim_id = c.id
                  WHERE s.state IN (\(ClaimState.offerToApprove.rawValue), \(ClaimState.rejected.rawValue),
                                    \(ClaimState.paid.rawValue))
                  GROUP BY c.id, c.submitted_at, 1) reached
            GROUP BY milestone
            """,
            logger: logger
        )
        var durations: [String: ClaimStatistics.Durations] = [:]
        for try await (milestone, count, median, p90) in rows.decode((String, Int, Double, Double).self) {
            durations[milestone] = .init(count: count, median: median, p90: p90)
        }
        return durations
    }

    private func backlogByAgent() async throws -> [(name: String, count: Int)] {
        let open = ClaimStatistics.openStates.map(\.rawValue)
        let rows = try await client.query(
            """
            SELECT a.display_name, count(*) FROM claim c JOIN agent a ON a.id = c.assignee_id
            WHERE c.status = ANY(\(open)) GROUP BY a.id, a.display_name ORDER BY 2 DESC, 1
            """,
            logger: logger
        )
        var backlog: [(name: String, count: Int)] = []
        for try await (name, count) in rows.decode((String, Int).self) { backlog.append((name, count)) }
        return backlog
    }

    private func rejections() async throws -> [RejectionReason: Int] {
        let rows = try await client.query(
            """
            SELECT rejection_reason, count(*) FROM decision
            WHERE kind = 'rejection' AND signed_at IS NOT NULL GROUP BY rejection_reason
            """,
            logger: logger
        )
        var counts: [RejectionReason: Int] = [:]
        for try await (reason, count) in rows.decode((String, Int).self) {
            if let reason = RejectionReason(rawValue: reason) { counts[reason] = count }
        }
        return counts
    }
}
