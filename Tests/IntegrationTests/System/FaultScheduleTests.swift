import AMQP
import AsyncHTTPClient
import Foundation
import Messaging
import NIOCore
import NIOHTTP1
import ServiceKit
import TestSupport
import Testing

/// reliability.md §3 over the five executables: claims are submitted through intake's API at a steady rate while
/// each service in turn is killed (SIGKILL, by PID) and restarted, RabbitMQ is restarted and PostgreSQL is
/// restarted, with one poison message injected; then everything is healed, drained and counted. `make test` runs a
/// bounded schedule; `make chaos` a long one (CHAOS_CLAIMS, CHAOS_RATE, CHAOS_ROUNDS) and prints the same counts.
extension FiveProcessesTests {
    @Test func claimsSubmittedThroughKillsAndRestartsAreNeitherLostNorDuplicated() async throws {
        let plan = FaultPlan.fromEnvironment()
        let test = try await Self.migratedDatabase()
        let logs = try Self.logDirectory()
        let (started, environment) = try await Self.startAll(test, logs: logs)
        let fleet = Fleet(started, environment: environment, logs: logs)
        let intake = try #require(started.first { $0.name == "intake" }).baseURL
        let injected = try await Self.injectPoison(test)
        let submitter = Submitter(intake: intake, run: String(UUID().uuidString.prefix(6).lowercased()))

        let begun = ContinuousClock.now
        let faults = Task { try await fleet.runSchedule(plan) }
        let attempts = await submitter.submit(plan) { await !fleet.isScheduleRunning }
        try await faults.value
        for name in await fleet.healed() {
            Issue.record("\(name) ended on its own during the schedule (restarted to count)")
        }
        reportFaultSchedule("\(attempts.count) claims submitted; draining")
        let drainStarted = ContinuousClock.now
        let count = try await FaultCount.drained(attempts, test: test, timeout: .seconds(120))
        let drained = ContinuousClock.now - drainStarted

        reportFaultSchedule(
            """
            \(attempts.count) claims submitted in \(ContinuousClock.now - begun) at \(plan.rate)/s, \
            \(plan.rounds) round(s) (each service killed and restarted, RabbitMQ and PostgreSQL restarted): \
            acknowledged \(count.acknowledged), refused \(count.refused), uncertain \(count.uncertain) \
            (\(count.recovered) completed); lost \(count.lost.count), duplicated \(count.duplicated.count), \
            unexpected \(count.unexpected), partial \(count.partial.count), e-mails duplicated \
            \(count.mailDuplicated.count), parking \(count.parked) (\(injected) injected); drained in \(drained)
            """
        )
        #expect(count.acknowledged > 0, "no claim was acknowledged")
        #expect(count.lost.isEmpty, "lost: \(count.lost.prefix(10))")
        #expect(count.duplicated.isEmpty, "duplicated: \(count.duplicated.prefix(10))")
        #expect(count.unexpected == 0, "claims never submitted")
        #expect(count.partial.isEmpty, "partial: \(count.partial.prefix(10))")
        #expect(count.mailDuplicated.isEmpty, "e-mails sent more than once: \(count.mailDuplicated.prefix(10))")
        #expect(count.parked == injected, "parking queues hold \(count.parked) messages, \(injected) injected")
        #expect(drained < .seconds(120), "not drained within T_drain")
        // What the operators' alerts read is exported, after the faults as before.
        let exported = try await Self.exportedMetricNames(await fleet.processes)
        let missing = try AlertRules.metricNames().subtracting(exported)
        #expect(missing.isEmpty, "infra/prometheus/alerts.yml reads metrics nobody exports: \(missing.sorted())")
        for process in await fleet.processes { await process.stop() }
        if count.lost.isEmpty && count.partial.isEmpty && count.duplicated.isEmpty {
            try await test.database.drop()
        } else {
            reportFaultSchedule("database \(test.database.name) and logs \(logs.path) kept for the inquiry")
        }
    }

    /// The names of the metrics the processes' /metrics expose.
    private static func exportedMetricNames(_ processes: [ServiceProcess]) async throws -> Set<String> {
        var names = Set<String>()
        for process in processes {
            let text = try await SystemHTTP.get("\(process.baseURL)/metrics")
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                names.insert(String(line.prefix { $0 != "{" && $0 != " " }))
            }
        }
        return names
    }

    /// Publishes a message instruction cannot read straight to its queue: it must be parked, alone.
    private static func injectPoison(_ test: TestServices) async throws -> Int {
        let topology = test.common("instruction").topology
        let publisher = AMQPPublisher(settings: test.common("instruction").amqp, logger: TestDatabase.logger)
        let poison = TransportMessage(
            routingKey: topology.queue(for: "instruction"),
            messageId: UUID().uuidString,
            type: "intake.claim-submitted",
            body: Array("{ not json".utf8)
        )
        let outcomes = try await publisher.publish([poison], to: "")
        await publisher.shutdown()
        #expect(outcomes == [.confirmed], "the poison message was not confirmed: \(outcomes)")
        return 1
    }
}

/// The metric names infra/prometheus/alerts.yml reads (Prometheus' own `up` aside).
enum AlertRules {
    static func metricNames() throws -> Set<String> {
        let file = TestEnvironment.packageRoot.appendingPathComponent("infra/prometheus/alerts.yml")
        let promQL: Set<String> = ["increase", "deriv", "rate", "sum", "by", "and", "or", "up"]
        var names = Set<String>()
        for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
            guard let expression = line.firstMatch(of: /^\s*expr: (.*)$/)?.1 else { continue }
            // Label matchers, ranges and grouping labels are not metric names.
            let bare = String(expression).replacing(/\{[^}]*\}|\[[^\]]*\]|by \([^)]*\)/, with: " ")
            for token in bare.matches(of: /[a-z_][a-z0-9_]*/) where !promQL.contains(String(token.0)) {
                names.insert(String(token.0))
            }
        }
        return names
    }
}
