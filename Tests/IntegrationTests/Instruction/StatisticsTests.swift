import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresNIO
import Prometheus
import ServiceKit
import TestSupport
import Testing

@testable import Instruction

/// The office's statistics from claims with a known history: delays to decision and payment (median and 90th
/// percentile), time per state, backlog per state (with overdue) and per rédacteur, rejections per motive — on the
/// page, drawn as bars, and as Prometheus gauges.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct StatisticsTests {
    @Test func theFiguresFollowTheClaimsHistories() async throws {
        try await InstructionHarness.make().run { harness in
            let redacteur = try await harness.agent(["redacteur"], name: "Rémi Rédacteur")
            let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded())
            let day = { (offset: Double) in now.addingTimeInterval(offset * 86_400) }
            // Paid: submitted 20 days ago, offer signed after 12 days, paid after 18.
            let paid = try await Self.claim(
                harness,
                number: 41,
                history: [
                    ("A_ATTRIBUER", day(-20)), ("EN_INSTRUCTION", day(-19)), ("OK_A_APPROUVER", day(-8)),
                    ("OK_INDEMNISE", day(-2)),
                ]
            )
            // Rejected 6 days after submission, for a tenant targeted by the operation.
            let rejected = try await Self.claim(
                harness,
                number: 42,
                history: [("A_ATTRIBUER", day(-10)), ("KO_REJETE", day(-4))]
            )
            try await harness.platform.client.query(
                """
                INSERT INTO decision (claim_id, kind, rejection_reason, body, drafted_by, drafted_at, signed_by,
                                      signed_at, seal)
                VALUES (\(rejected), 'rejection', 'LOCATAIRE', 'Madame,', \(redacteur.id), \(day(-5)),
                        \(redacteur.id), \(day(-4)), 'x')
                """,
                logger: TestDatabase.logger
            )
            // In instruction for 40 days: past the 30-day target.
            let late = try await Self.claim(
                harness,
                number: 43,
                history: [("A_ATTRIBUER", day(-41)), ("EN_INSTRUCTION", day(-40))]
            )
            try await harness.platform.client.query(
                "UPDATE claim SET assignee_id = \(redacteur.id) WHERE id = \(late)",
                logger: TestDatabase.logger
            )
            _ = paid

            let statistics = try await InstructionService.statistics(
                platform: harness.platform,
                logger: TestDatabase.logger,
                clock: { now }
            ).statistics()
            #expect(statistics.toDecision.count == 2)
            #expect(abs(statistics.toDecision.median - 9 * 86_400) < 1, "median of 12 and 6 days")
            #expect(abs(statistics.toDecision.p90 - 11.4 * 86_400) < 1, "interpolated 90th percentile")
            #expect(statistics.toPayment.count == 1 && abs(statistics.toPayment.median - 18 * 86_400) < 1)
            let instructing = try #require(statistics.timeInState[.inInstruction])
            #expect(instructing.count == 2 && abs(instructing.median - 25.5 * 86_400) < 1, "11 days, and 40 so far")
            #expect(statistics.backlog[.inInstruction] == .init(all: 1, mine: 0, overdue: 1))
            #expect(statistics.backlogByAgent.map(\.name) == ["Rémi Rédacteur"])
            #expect(statistics.rejections == [.tenantTargeted: 1])

            try await Application(router: harness.router).test(.router) { client in
                let page = try await harness.get(client, "/agents/statistiques", as: redacteur).text
                for expected in [
                    "De la demande à la décision</th><td>2</td><td>9,0 j</td><td>11,4 j</td>",
                    "De la demande au paiement</th><td>1</td><td>18,0 j</td>",
                    "En instruction</th><td>1</td><td>1</td>", "Rémi Rédacteur</th><td>1</td>",
                    "\(RejectionReason.tenantTargeted.label)</th><td>1</td>",
                    #"role="img" aria-label="Dossiers en cours par rédacteur (détail dans le tableau)""#,
                    #"<rect x="0" y="20" width="520""#,
                ] {
                    #expect(page.contains(expected), "the page shows \(expected)")
                }
            }

            let registry = PrometheusCollectorRegistry()
            StatisticsExporter.record(statistics, to: PrometheusMetricsFactory(registry: registry))
            let metrics = String(decoding: registry.emitToBuffer(), as: UTF8.self)
            for line in [
                #"instruction_claims_overdue{state="EN_INSTRUCTION"} 1.0"#,
                #"instruction_time_to_decision_seconds{percentile="50"} 777600.0"#,
                #"instruction_time_to_payment_seconds_count 1.0"#, #"instruction_rejections{reason="LOCATAIRE"} 1.0"#,
            ] {
                #expect(metrics.contains(line), "metrics lack \(line)")
            }
            #expect(!metrics.contains("Rémi"), "no person in a metric")
        }
    }

    /// A filed claim whose state history is `history` (the first entry is its submission).
    private static func claim(
        _ harness: InstructionHarness,
        number: Int,
        history: [(state: String, at: Date)]
    ) async throws -> UUID {
        var event = ClaimFixtures.submitted(number: number)
        event.submittedAt = history[0].at
        let claim = try await harness.claim(event).claimId
        for step in history.dropFirst() {
            try await harness.platform.client.query(
                "INSERT INTO claim_state_change (claim_id, state, entered_at) VALUES (\(claim), \(step.state), \(step.at))",
                logger: TestDatabase.logger
            )
        }
        let last = history[history.count - 1]
        try await harness.platform.client.query(
            "UPDATE claim SET status = \(last.state), state_entered_at = \(last.at) WHERE id = \(claim)",
            logger: TestDatabase.logger
        )
        return claim
    }
}
