import AMQP
import AsyncHTTPClient
import Contracts
import Foundation
import Logging
import Messaging
import Persistence
import PostgresNIO
import ServiceKit
import TestSupport

/// `make bench`: raw limits and system figures measured in one run on loopback (DESIGN.md §6).
/// Prints a table, then one JSON object as the last line.
@main
enum BenchMain {
    static func main() async throws {
        let env = ProcessInfo.processInfo.environment
        let config = BenchConfig(env)
        // Measured first, while the freshly started services are idle.
        let idleRSS = ProcessStats.rssMegabytes(pids: config.servicePids)
        let idlePSS = ProcessStats.pssMegabytes(pids: config.servicePids)
        var figures: [(String, Double)] = []
        func report(_ name: String, _ value: Double) {
            figures.append((name, value))
            // Written at once (print is buffered): each figure shows as soon as measured, even if a later phase fails.
            FileHandle.standardOutput.write(Data((String(format: "%-28@ %12.1f", name as NSString, value) + "\n").utf8))
        }
        report("raw_amqp_confirmed_per_s", try await RawBench.amqpConfirmedPerSecond(config))
        report("raw_pg_inserts_per_s", try await RawBench.postgresInsertsPerSecond(config))
        report("relay_events_per_s", try await PipelineBench.relayEventsPerSecond(config))
        let propagation = try await PipelineBench.propagation(config)
        report("event_propagation_p50_ms", propagation.p50)
        report("event_propagation_p99_ms", propagation.p99)
        let submit = try await HTTPBench.submit(config)
        report("intake_submit_rps", submit.rate)
        report("intake_submit_p99_ms", submit.p99)
        report("agent_list_p99_ms", try await HTTPBench.agentList(config))
        report("idle_rss_mb_total", idleRSS)
        report("idle_pss_mb_total", idlePSS)
        if let minutes = env["BENCH_SOAK_MINUTES"].flatMap(Int.init), minutes > 0 {
            for (name, value) in try await SoakBench.run(config, plan: .init(minutes: minutes, env)) {
                report(name, value)
            }
        }
        // JSON has no NaN: a figure that could not be measured (no sample) is null.
        let json = figures.map { name, value in
            "\"\(name)\": \(value.isFinite ? "\((value * 10).rounded() / 10)" : "null")"
        }.joined(separator: ", ")
        print("{\(json)}")
    }
}
