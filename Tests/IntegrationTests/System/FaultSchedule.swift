import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

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
                reportFaultSchedule("round \(round): \(processes[index].name) killed (SIGKILL)")
                await processes[index].kill()
                try await Task.sleep(for: .milliseconds(300))
                try await restart(index)
            }
            try await Task.sleep(for: gap)
            reportFaultSchedule("round \(round): RabbitMQ stopped")
            try ServerControl.rabbitmqctl("stop_app")
            try await Task.sleep(for: .seconds(2))
            try ServerControl.rabbitmqctl("start_app")
            try await Task.sleep(for: gap)
            reportFaultSchedule("round \(round): PostgreSQL restarted")
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

/// A line on standard error, shown as it happens (standard output is buffered until the run ends).
func reportFaultSchedule(_ line: String) {
    FileHandle.standardError.write(Data("fault schedule: \(line)\n".utf8))
}
