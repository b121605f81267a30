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
        progress("\(attempts.count) claims submitted; draining")
        let drainStarted = ContinuousClock.now
        let count = try await FaultCount.drained(attempts, test: test, timeout: .seconds(120))
        let drained = ContinuousClock.now - drainStarted

        progress(
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
            progress("database \(test.database.name) and logs \(logs.path) kept for the inquiry")
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

/// How long and how hard the schedule runs: bounded in `make test`, long under `make chaos`.
struct FaultPlan: Sendable {
    /// Claims submitted at least (more while faults are still being injected).
    var claims: Int
    /// Submissions per second.
    var rate: Double
    /// Times each fault is injected.
    var rounds: Int

    static func fromEnvironment() -> FaultPlan {
        let environment = ProcessInfo.processInfo.environment
        return FaultPlan(
            claims: environment["CHAOS_CLAIMS"].flatMap(Int.init) ?? 30,
            rate: environment["CHAOS_RATE"].flatMap(Double.init) ?? 3,
            rounds: environment["CHAOS_ROUNDS"].flatMap(Int.init) ?? 1
        )
    }
}

/// The five processes under the schedule: killed and restarted on the same port, the servers restarted.
actor Fleet {
    private(set) var processes: [ServiceProcess]
    private(set) var isScheduleRunning = true
    private let environment: [String: String]
    private let logs: URL

    init(_ processes: [ServiceProcess], environment: [String: String], logs: URL) {
        self.processes = processes
        self.environment = environment
        self.logs = logs
    }

    /// Each round: every service killed and restarted in turn, then RabbitMQ, then PostgreSQL restarted; the faults
    /// spread over the time the claims take to submit.
    func runSchedule(_ plan: FaultPlan) async throws {
        defer { isScheduleRunning = false }
        let faults = plan.rounds * (processes.count + 2)
        let gap = max(Duration.seconds(1), Duration.seconds(Double(plan.claims) / plan.rate) / (faults + 1))
        for round in 1...plan.rounds {
            for index in processes.indices {
                try await Task.sleep(for: gap)
                progress("round \(round): \(processes[index].name) killed (SIGKILL)")
                await processes[index].kill()
                try await Task.sleep(for: .milliseconds(300))
                try await restart(index)
            }
            try await Task.sleep(for: gap)
            progress("round \(round): RabbitMQ stopped")
            try ServerControl.rabbitmqctl("stop_app")
            try await Task.sleep(for: .seconds(2))
            try ServerControl.rabbitmqctl("start_app")
            try await Task.sleep(for: gap)
            progress("round \(round): PostgreSQL restarted")
            try ServerControl.restartPostgreSQL()
        }
        try await Task.sleep(for: gap)
    }

    /// Restarts whatever is not running (a service must survive the servers' restarts: each one named here is a
    /// failure) and waits until all are ready.
    func healed() async -> [String] {
        var ended: [String] = []
        for index in processes.indices where !processes[index].isRunning {
            ended.append(processes[index].name)
            try? await restart(index)
        }
        for process in processes {
            let ready = await process.waitUntilReady(timeout: .seconds(60))
            #expect(ready, "\(process.name) not ready after the schedule:\n\(process.output.suffix(2000))")
        }
        return ended
    }

    private func restart(_ index: Int) async throws {
        let old = processes[index]
        let new = try ServiceProcess(old.name, environment: environment, logDirectory: logs, port: old.port)
        processes[index] = new
        let ready = await new.waitUntilReady(timeout: .seconds(60))
        #expect(ready, "\(new.name) did not come back:\n\(new.output.suffix(2000))")
    }
}

/// Submits claims through intake's JSON API with an idempotency key each, and classifies every outcome as
/// reliability.md §3 does.
struct Submitter: Sendable {
    enum Outcome: Sendable {
        /// 201 with the claim's reference.
        case acknowledged(String)
        /// A definite refusal (4xx, or 503 before commit).
        case refused
        /// A timeout, a reset or another 5xx: committed or not, unknown.
        case uncertain
    }

    struct Attempt: Sendable {
        let key: String
        let email: String
        let outcome: Outcome
    }

    let intake: String
    let run: String

    /// At `plan.rate` per second until `plan.claims` are submitted and `done` says the faults are over.
    func submit(_ plan: FaultPlan, until done: @Sendable () async -> Bool) async -> [Attempt] {
        var attempts: [Attempt] = []
        let interval = Duration.milliseconds(Int(1000 / plan.rate))
        var next = ContinuousClock.now
        while true {
            let finished = await done()
            if attempts.count >= plan.claims && finished { break }
            let number = attempts.count + 1
            let key = "panne-\(run)-\(number)"
            let email = "panne-\(number)-\(run)@example.org"
            attempts.append(Attempt(key: key, email: email, outcome: await submit(key: key, email: email)))
            next += interval
            try? await Task.sleep(until: next)
        }
        return attempts
    }

    private func submit(key: String, email: String) async -> Outcome {
        var request = HTTPClientRequest(url: "\(intake)/api/demandes")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Bearer \(ClaimFixtures.apiToken)")
        request.headers.add(name: "Idempotency-Key", value: key)
        guard let body = try? JSONSerialization.data(withJSONObject: ClaimFixtures.formJSON(email: email)) else {
            return .refused
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
            switch response.status.code {
            case 201:
                guard let reference = text.firstMatch(of: /BRI-\d{8}-\d{4,}/) else { return .uncertain }
                return .acknowledged(String(reference.0))
            case 400..<500, 503: return .refused
            default: return .uncertain
            }
        } catch {
            return .uncertain
        }
    }
}

/// The counts of reliability.md §3 over one run, taken once the system is quiet or T_drain has passed.
struct FaultCount {
    var acknowledged = 0
    var refused = 0
    var uncertain = 0
    /// Uncertain submissions that turned out committed, and complete everywhere.
    var recovered = 0
    /// Keys acknowledged and not exactly once in intake, instruction, documents, the delivery log and a mailbox.
    var lost: [String] = []
    /// Keys with more than one row, or more than one message, anywhere.
    var duplicated: [String] = []
    /// Claims in intake no submission accounts for (or a refused submission committed after all).
    var unexpected = 0
    /// Uncertain submissions committed in intake but missing downstream.
    var partial: [String] = []
    /// Claimants who got more than one distinct acknowledgement.
    var mailDuplicated: [String] = []
    /// Messages in the five parking queues.
    var parked = 0
    /// Every outbox published and every claim of intake found downstream.
    var isQuiet = false

    /// Waits until the system is quiet (at most `timeout`), then counts.
    static func drained(_ attempts: [Submitter.Attempt], test: TestServices, timeout: Duration) async throws
        -> FaultCount
    {
        let deadline = ContinuousClock.now + timeout
        var count = try await measure(attempts, test: test)
        while !count.isQuiet, ContinuousClock.now < deadline {
            try await Task.sleep(for: .seconds(1))
            count = try await measure(attempts, test: test)
        }
        // Late duplicates would show a moment later.
        try await Task.sleep(for: .seconds(2))
        return try await measure(attempts, test: test)
    }

    private static func measure(_ attempts: [Submitter.Attempt], test: TestServices) async throws -> FaultCount {
        var count = FaultCount()
        let rows = try await test.database.strings(
            """
            SELECT concat_ws('|', c.idempotency_key,
                (SELECT count(*) FROM intake.claim x WHERE x.idempotency_key = c.idempotency_key),
                (SELECT count(*) FROM instruction.claim i WHERE i.reference = c.reference),
                (SELECT count(*) FROM documents.claim_folder f WHERE f.reference = c.reference),
                (SELECT count(*) FROM notification.delivery d
                 WHERE d.claim_id = c.id AND d.template = 'claim-acknowledgement' AND d.status = 'sent'))
            FROM intake.claim c
            """
        )
        var stores: [String: [Int]] = [:]
        for row in rows {
            let fields = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5 else {
                count.unexpected += 1
                continue
            }
            stores[fields[0]] = fields.dropFirst().compactMap { Int($0) }
        }
        let mail = Self.acknowledgementIds()
        var submitted = Set<String>()
        for attempt in attempts {
            submitted.insert(attempt.key)
            let found = stores[attempt.key]
            let messages = mail[attempt.email]?.count ?? 0
            let everywhere = found.map { $0.allSatisfy { $0 >= 1 } } == true && messages >= 1
            if found.map({ $0.contains { $0 > 1 } }) == true || messages > 1 { count.duplicated.append(attempt.key) }
            if messages > 1 { count.mailDuplicated.append(attempt.email) }
            switch attempt.outcome {
            case .acknowledged:
                count.acknowledged += 1
                if !everywhere { count.lost.append("\(attempt.key) \(found ?? []) mail \(messages)") }
            case .refused:
                count.refused += 1
                if found != nil { count.unexpected += 1 }
            case .uncertain:
                count.uncertain += 1
                if found != nil { everywhere ? (count.recovered += 1) : count.partial.append(attempt.key) }
            }
        }
        count.unexpected += Set(stores.keys).subtracting(submitted).count
        for service in FiveProcessesTests.all {
            count.parked += try await test.admin.messageCount(
                queue: test.common(service).topology.deadLetterQueue(for: service)
            )
        }
        let pending = try await test.database.count(
            FiveProcessesTests.all.map { "(SELECT count(*) FROM \($0).outbox WHERE published_at IS NULL)" }
                .joined(separator: " + ").prefixed("SELECT ")
        )
        let incomplete = stores.values.contains { $0.contains(0) }
        count.isQuiet = pending == 0 && !incomplete && count.lost.isEmpty && count.partial.isEmpty
        return count
    }

    /// The distinct Message-IDs each address received, read from the sink's Maildir once.
    private static func acknowledgementIds() -> [String: Set<String>] {
        guard let directory = TestEnvironment.maildir?.appendingPathComponent("new"),
            let files = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        else { return [:] }
        var ids: [String: Set<String>] = [:]
        for file in files {
            guard let text = try? String(contentsOf: file, encoding: .utf8),
                let to = text.firstMatch(of: /\nTo: (panne-[^\s]+)/)?.1,
                let id = text.firstMatch(of: /Message-ID: <([^>]+)>/)?.1
            else { continue }
            ids[String(to), default: []].insert(String(id))
        }
        return ids
    }
}

extension String {
    fileprivate func prefixed(_ prefix: String) -> String { prefix + self }
}

/// A line on standard error, shown as it happens (standard output is buffered until the run ends).
private func progress(_ line: String) {
    FileHandle.standardError.write(Data("fault schedule: \(line)\n".utf8))
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
