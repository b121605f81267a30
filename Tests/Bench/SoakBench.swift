import Foundation

/// `BENCH_SOAK_MINUTES=N make bench`: claims submitted through intake at a steady rate for N minutes, after one
/// minute of warm-up; each service's resident memory is read before and after (the pipeline given 15 s to drain)
/// and its growth reported in MB and as a share of the first reading (reliability.md §5: ≤ 10 %), with the CPU time
/// each service spent per claim. A leak shows as growth that keeps rising with N.
enum SoakBench {
    /// The services in the order of `BENCH_SERVICE_PIDS` (infra/local/bench.sh starts them in this order).
    static let services = ["intake", "documents", "instruction", "liaison", "notification"]

    static func run(_ config: BenchConfig, minutes: Int, perSecond: Int) async throws -> [(String, Double)] {
        _ = try await HTTPBench.submitOpenLoop(config, perSecond: perSecond, duration: .seconds(60))
        try await Task.sleep(for: .seconds(15))
        let before = config.servicePids.map { ProcessStats.rssMegabytes(pids: [$0]) }
        let cpuBefore = config.servicePids.map { ProcessStats.cpuMilliseconds(pid: $0) }
        var submitted = 0
        for _ in 0..<minutes {
            submitted += try await HTTPBench.submitOpenLoop(config, perSecond: perSecond, duration: .seconds(60)).count
        }
        try await Task.sleep(for: .seconds(15))
        let after = config.servicePids.map { ProcessStats.rssMegabytes(pids: [$0]) }
        let cpuAfter = config.servicePids.map { ProcessStats.cpuMilliseconds(pid: $0) }
        var figures: [(String, Double)] = [("soak_minutes", Double(minutes)), ("soak_claims", Double(submitted))]
        for (service, (start, end)) in zip(services, zip(before, after)) {
            figures.append(("soak_rss_growth_mb_\(service)", end - start))
            figures.append(("soak_rss_growth_pct_\(service)", start > 0 ? (end - start) / start * 100 : 0))
        }
        for (service, (start, end)) in zip(services, zip(cpuBefore, cpuAfter)) {
            figures.append(("soak_cpu_ms_per_claim_\(service)", submitted > 0 ? (end - start) / Double(submitted) : 0))
        }
        return figures
    }
}
