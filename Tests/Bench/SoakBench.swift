import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Persistence
import PostgresNIO
import Synchronization

/// `BENCH_SOAK_MINUTES=N make bench`: reliability.md scenario 56. Claims submitted through intake at a steady rate
/// (`BENCH_SOAK_RATE`, 20/s; the scenario says 1) while agents browse the back office (`BENCH_SOAK_AGENTS`, 0; the
/// scenario says 30, each reading the dashboard every 3–8 s), for N minutes after a warm-up
/// (`BENCH_SOAK_WARMUP_MINUTES`, 1; the scenario says 10), both readings at rest. Reported: each service's resident
/// memory growth (MB and share of the first reading, ≤ 10 %), CPU per claim (instruction's includes the agents'
/// pages), open descriptors and PostgreSQL connections before and after (± 5 %), the submissions' p99 in the first
/// and last ten minutes (a third of a shorter run) and its drift (≤ 20 %), the agents' pages and their p99 when there
/// are agents, errors (0), and what is still waiting once the pipeline had a minute to drain (outboxes and queues: 0).
enum SoakBench {
    /// The services in the order of `BENCH_SERVICE_PIDS` (infra/local/bench.sh starts them in this order).
    static let services = ["intake", "documents", "instruction", "liaison", "notification"]

    struct Plan {
        var minutes: Int
        var perSecond: Int
        var agents: Int
        var warmUpMinutes: Int

        init(minutes: Int, _ env: [String: String]) {
            self.minutes = minutes
            perSecond = env["BENCH_SOAK_RATE"].flatMap(Int.init) ?? 20
            agents = env["BENCH_SOAK_AGENTS"].flatMap(Int.init) ?? 0
            warmUpMinutes = env["BENCH_SOAK_WARMUP_MINUTES"].flatMap(Int.init) ?? 1
        }
    }

    /// The agents' page reads, shared by their tasks.
    final class Browsing: Sendable {
        let record = Mutex(Minute())
    }

    /// What one minute of submissions gave: every latency (ms) and the number of failures.
    struct Minute {
        var latencies: [Double] = []
        var errors = 0
    }

    static func run(_ config: BenchConfig, plan: Plan) async throws -> [(String, Double)] {
        // Both readings are taken at rest (agents stopped, a minute of drain), so that descriptors and connections
        // compare like with like; the warm-up has the agents too.
        let warmUp = Task { try await browse(config, agents: plan.agents, into: Browsing()) }
        for _ in 0..<plan.warmUpMinutes { _ = await submitMinute(config, perSecond: plan.perSecond) }
        warmUp.cancel()
        _ = try? await warmUp.value
        try await Task.sleep(for: .seconds(60))
        let before = Snapshot.take(config, pending: try await pending(config))
        let browsing = Browsing()
        let agents = Task { try await browse(config, agents: plan.agents, into: browsing) }
        var minutes: [Minute] = []
        for _ in 0..<plan.minutes { minutes.append(await submitMinute(config, perSecond: plan.perSecond)) }
        agents.cancel()
        _ = try? await agents.value
        try await Task.sleep(for: .seconds(60))
        let after = Snapshot.take(config, pending: try await pending(config))

        let submitted = minutes.reduce(0) { $0 + $1.latencies.count }
        // Ten minutes each, or a third of a shorter run, so that the two windows never overlap.
        let window = min(10, max(1, minutes.count / 3))
        let first = percentile(minutes.prefix(window).flatMap(\.latencies), 0.99)
        let last = percentile(minutes.suffix(window).flatMap(\.latencies), 0.99)
        let agentMinute = browsing.record.withLock { $0 }
        var figures: [(String, Double)] = [
            ("soak_minutes", Double(plan.minutes)), ("soak_claims", Double(submitted)),
            ("soak_errors", Double(minutes.reduce(0) { $0 + $1.errors } + agentMinute.errors)),
            ("soak_submit_p99_first_ms", first), ("soak_submit_p99_last_ms", last),
            ("soak_submit_p99_drift_pct", first > 0 ? (last - first) / first * 100 : 0),
            ("soak_pg_connections_before", before.databaseConnections),
            ("soak_pg_connections_after", after.databaseConnections),
            ("soak_waiting_after_drain", after.waiting),
        ]
        if plan.agents > 0 {
            figures.append(("soak_agent_pages", Double(agentMinute.latencies.count)))
            figures.append(("soak_agent_p99_ms", percentile(agentMinute.latencies, 0.99)))
        }
        for (index, service) in services.enumerated() where index < before.rss.count {
            let (start, end) = (before.rss[index], after.rss[index])
            figures.append(("soak_rss_growth_mb_\(service)", end - start))
            figures.append(("soak_rss_growth_pct_\(service)", start > 0 ? (end - start) / start * 100 : 0))
            let cpu = after.cpu[index] - before.cpu[index]
            figures.append(("soak_cpu_ms_per_claim_\(service)", submitted > 0 ? cpu / Double(submitted) : 0))
            figures.append(("soak_fds_before_\(service)", before.openFiles[index]))
            figures.append(("soak_fds_after_\(service)", after.openFiles[index]))
        }
        return figures
    }

    /// One minute of claims at `perSecond`, open loop; failures are counted, not thrown.
    private static func submitMinute(_ config: BenchConfig, perSecond: Int) async -> Minute {
        guard let request = try? HTTPBench.submitRequest(config) else { return Minute(errors: 1) }
        let interval = Duration.seconds(1) / perSecond
        let start = ContinuousClock.now
        return await withTaskGroup(of: Double?.self) { group in
            for index in 0..<(60 * perSecond) {
                try? await Task.sleep(until: start + interval * index, clock: .continuous)
                group.addTask {
                    let sent = ContinuousClock.now
                    guard let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(10)),
                        (try? await response.body.collect(upTo: 1 << 16)) != nil, response.status == .created
                    else { return nil }
                    return (ContinuousClock.now - sent).milliseconds
                }
            }
            var minute = Minute()
            for await latency in group {
                if let latency { minute.latencies.append(latency) } else { minute.errors += 1 }
            }
            return minute
        }
    }

    /// `agents` signed-in agents, each reading the dashboard then thinking 3–8 s, until cancelled.
    private static func browse(_ config: BenchConfig, agents: Int, into browsing: Browsing) async throws {
        guard agents > 0 else { return }
        let cookie = try await HTTPBench.agentSession(config)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<agents {
                group.addTask {
                    var request = HTTPClientRequest(url: "\(config.instructionURL)/agents/dossiers")
                    request.headers.add(name: "Cookie", value: cookie)
                    while !Task.isCancelled {
                        let sent = ContinuousClock.now
                        let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(10))
                        let read = try? await response?.body.collect(upTo: 1 << 20)
                        let latency = (ContinuousClock.now - sent).milliseconds
                        browsing.record.withLock {
                            if response?.status == .ok && read != nil {
                                $0.latencies.append(latency)
                            } else if !Task.isCancelled {
                                $0.errors += 1
                            }
                        }
                        try? await Task.sleep(for: .milliseconds(Int.random(in: 3000...8000)))
                    }
                }
            }
        }
    }

    /// Rows every outbox has not yet published and PostgreSQL connections open, across the services' schemas.
    private static func pending(_ config: BenchConfig) async throws -> (outbox: Double, connections: Double) {
        try await config.superuser.withClient(logger: config.logger) { client in
            var outbox = 0
            for service in services {
                let rows = try await client.query(
                    PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(service).outbox WHERE published_at IS NULL"),
                    logger: config.logger
                )
                for try await count in rows.decode(Int.self) { outbox += count }
            }
            let rows = try await client.query(
                "SELECT count(*) FROM pg_stat_activity WHERE usename LIKE '%\\_app'",
                logger: config.logger
            )
            var connections = 0
            for try await count in rows.decode(Int.self) { connections = count }
            return (Double(outbox), Double(connections))
        }
    }

    /// The services' resources at one moment.
    struct Snapshot {
        var rss: [Double]
        var cpu: [Double]
        var openFiles: [Double]
        var databaseConnections: Double
        /// Unpublished outbox rows plus messages in the services' queues.
        var waiting: Double

        static func take(_ config: BenchConfig, pending: (outbox: Double, connections: Double)) -> Snapshot {
            let queued = config.serviceURLs.reduce(0.0) { $0 + queueMessages(metricsOf: $1) }
            return Snapshot(
                rss: config.servicePids.map { ProcessStats.rssMegabytes(pids: [$0]) },
                cpu: config.servicePids.map { ProcessStats.cpuMilliseconds(pid: $0) },
                openFiles: config.servicePids.map { ProcessStats.openFiles(pid: $0) },
                databaseConnections: pending.connections,
                waiting: pending.outbox + queued
            )
        }

        /// The sum of `consumer_queue_messages` on a service's /metrics.
        private static func queueMessages(metricsOf base: String) -> Double {
            guard let url = URL(string: "\(base)/metrics"), let text = try? String(contentsOf: url, encoding: .utf8)
            else { return 0 }
            return text.split(separator: "\n").filter { $0.hasPrefix("consumer_queue_messages") }
                .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
                .reduce(0, +)
        }
    }
}
