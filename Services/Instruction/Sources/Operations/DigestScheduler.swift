import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO
import ServiceKit
import ServiceLifecycle

/// Each morning from `hour` (Paris), publishes the digest of every active agent who asked for one: once per agent
/// and day, with several replicas (the day is claimed in `digest_sent` with the event, in one transaction).
struct DigestScheduler: Service {
    let outbox: TransactionalOutbox
    let queue: ClaimQueue
    let logger: Logger
    var hour = 7
    var interval: Duration = .seconds(60)
    var clock: @Sendable () -> Date = { Date() }

    func run() async throws {
        await repeatUntilShutdown(every: interval, logger: logger, failure: "digests not sent") {
            try await tick()
        }
    }

    /// Sends today's digests still due; returns how many were published.
    @discardableResult
    func tick() async throws -> Int {
        let now = clock()
        guard ParisTime.hour(of: now) >= hour else { return 0 }
        let day = ParisTime.isoDay(of: now)
        var published = 0
        for agent in try await dueAgents(on: day) {
            let lines = DigestPlan.lines(for: agent.agent, counts: try await queue.counts(for: agent.agent.id))
            let sent = try await outbox.transaction(context: MessageContext(), logger: logger) { connection, events in
                let claimed = try await connection.query(
                    """
                    INSERT INTO digest_sent (agent_id, day, sent_at) VALUES (\(agent.agent.id), \(day)::date, \(now))
                    ON CONFLICT DO NOTHING RETURNING agent_id
                    """,
                    logger: logger
                )
                guard try await claimed.collect().count == 1, !lines.isEmpty else { return false }
                try await events.append(AgentDigest(agent: agent.contact, day: day, lines: lines), at: now)
                return true
            }
            if sent { published += 1 }
        }
        return published
    }

    /// Active agents who asked for the digest and have not had today's.
    private func dueAgents(on day: String) async throws -> [(agent: Agent, contact: AgentContact)] {
        let rows = try await outbox.client.query(
            """
            SELECT a.id, a.display_name, a.email, a.roles FROM agent a
            WHERE a.active AND a.daily_digest
              AND NOT EXISTS (SELECT 1 FROM digest_sent d WHERE d.agent_id = a.id AND d.day = \(day)::date)
            """,
            logger: logger
        )
        var agents: [(Agent, AgentContact)] = []
        for try await (id, name, email, roles) in rows.decode((UUID, String, String, [String]).self) {
            agents.append(
                (
                    Agent(id: id, displayName: name, roles: AgentDirectory.roles(roles)),
                    AgentContact(agentId: id, displayName: name, email: email)
                )
            )
        }
        return agents
    }
}
