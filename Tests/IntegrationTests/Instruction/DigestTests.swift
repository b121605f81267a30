import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Instruction

/// The agents' morning digest: asked for from the dashboard, sent from the set hour (Paris) once per agent and day,
/// listing what waits for each role (a rédacteur's own claims, the office's queues for the others) with what is
/// overdue, and not sent when nothing waits.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct DigestTests {
    /// 07:30 in Paris on 25 November 2026 (UTC+1).
    private static let morning = Date(timeIntervalSince1970: 1_795_588_200)

    @Test func eachAgentWhoAskedGetsOneDigestOfWhatWaitsForThem() async throws {
        try await InstructionHarness.make().run { harness in
            let validateur = try await harness.agent(["validateur"], name: "Valérie Validatrice")
            let redacteur = try await harness.agent(["redacteur"], name: "Rémi Rédacteur")
            let attributeur = try await harness.agent(["attributeur"])
            let budget = try await harness.agent(["liaison-budget"])
            try await Application(router: harness.router).test(.router) { client in
                for agent in [validateur, redacteur, budget] {
                    let saved = try await harness.post(
                        client,
                        "/agents/preferences",
                        as: agent,
                        [("recapitulatif", "oui")]
                    )
                    #expect(saved.headers[.location] == "/agents/dossiers?fait=preferences#preferences")
                }
                let page = try await harness.get(client, "/agents/dossiers?fait=preferences", as: redacteur).text
                #expect(page.contains(#"name="recapitulatif" value="oui" checked"#) && page.contains("est enregistré"))
                let forged = try await harness.post(client, "/agents/preferences", as: attributeur, csrf: false)
                #expect(forged.status == .forbidden, "no CSRF token")
            }
            try await Self.claim(harness, 51, state: "OK_A_SIGNER", since: 10, assignee: redacteur.id)
            try await Self.claim(harness, 52, state: "EN_INSTRUCTION", since: 2, assignee: redacteur.id)
            try await Self.claim(harness, 53, state: "A_ATTRIBUER", since: 1, assignee: nil)

            let early = Self.scheduler(harness, at: Self.morning.addingTimeInterval(-3_600))
            #expect(try await early.tick() == 0, "not before 07:00 in Paris")
            let scheduler = Self.scheduler(harness, at: Self.morning)
            #expect(try await scheduler.tick() == 2)
            #expect(try await scheduler.tick() == 0, "once a day")

            let digests = try await harness.events(AgentDigest.self).sorted {
                $0.agent.displayName > $1.agent.displayName
            }
            #expect(digests.map(\.day) == ["2026-11-25", "2026-11-25"])
            #expect(digests.first?.agent.displayName == "Valérie Validatrice")
            #expect(digests.first?.lines == [.init(label: "Proposition à signer", count: 1, overdue: 1)])
            #expect(digests.last?.lines == [.init(label: "En instruction (mes dossiers)", count: 1, overdue: 0)])
            #expect(!digests.contains { $0.agent.agentId == attributeur.id }, "did not ask")
            #expect(!digests.contains { $0.agent.agentId == budget.id }, "nothing waits for the budget liaison")
        }
    }

    private static func scheduler(_ harness: InstructionHarness, at now: Date) -> DigestScheduler {
        DigestScheduler(
            outbox: harness.platform.outbox,
            queue: ClaimQueue(client: harness.platform.client, logger: TestDatabase.logger, clock: { now }),
            logger: TestDatabase.logger,
            clock: { now }
        )
    }

    private static func claim(
        _ harness: InstructionHarness,
        _ number: Int,
        state: String,
        since days: Double,
        assignee: UUID?
    )
        async throws
    {
        let claim = try await harness.claim(ClaimFixtures.submitted(number: number)).claimId
        try await harness.platform.client.query(
            """
            UPDATE claim SET status = \(state), assignee_id = \(assignee),
                state_entered_at = \(morning.addingTimeInterval(-days * 86_400))
            WHERE id = \(claim)
            """,
            logger: TestDatabase.logger
        )
    }
}
