import AMQP
import Foundation
import Logging
import Messaging
import Persistence

/// Where the bench finds the servers and the running services (set by infra/local/bench.sh).
struct BenchConfig {
    let amqp: AMQPSettings
    let postgresPort: Int
    let superuserPassword: String
    let intakeURL: String
    /// `INTAKE_API_TOKEN` of the intake under test.
    let intakeAPIToken: String
    let instructionURL: String
    let agentCredentials: String
    let servicePids: [Int32]
    let logger = Logger(label: "bench")

    init(_ env: [String: String]) {
        amqp = try! AMQPSettings(url: env["AMQP_URL"] ?? "amqp://guest:guest@127.0.0.1:5674/", prefetch: 200)
        postgresPort = Int(env["POSTGRES_PORT"] ?? "") ?? 15433
        superuserPassword = env["POSTGRES_SUPERUSER_PASSWORD"] ?? "postgres-dev-password"
        intakeURL = env["BENCH_INTAKE_URL"] ?? "http://127.0.0.1:18081"
        intakeAPIToken = env["INTAKE_API_TOKEN"] ?? ""
        instructionURL = env["BENCH_INSTRUCTION_URL"] ?? "http://127.0.0.1:18083"
        agentCredentials = env["BENCH_AGENT_CREDENTIALS"] ?? ""
        servicePids = (env["BENCH_SERVICE_PIDS"] ?? "").split(separator: " ").compactMap { Int32($0) }
    }

    /// A service's runtime role on the bench database.
    func database(_ service: String, pool: Int = 10) -> DatabaseSettings {
        DatabaseSettings(
            port: postgresPort,
            database: "mij",
            user: "\(service)_app",
            password: "\(service)_app_dev",
            schema: service,
            maxConnections: pool
        )
    }

    /// The superuser, for loading data and reading across schemas.
    var superuser: DatabaseSettings {
        DatabaseSettings(
            port: postgresPort,
            database: "mij",
            user: "postgres",
            password: superuserPassword,
            schema: "public"
        )
    }
}

/// Percentiles of a sample, in the sample's unit.
func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

/// Memory of processes, from /proc: RSS counts shared library pages in every process, PSS shares them out.
enum ProcessStats {
    static func rssMegabytes(pids: [Int32]) -> Double { total("Rss:", in: pids) }
    static func pssMegabytes(pids: [Int32]) -> Double { total("Pss:", in: pids) }

    private static func total(_ field: String, in pids: [Int32]) -> Double {
        pids.reduce(0) { total, pid in
            let rollup = (try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8)) ?? ""
            let line = rollup.split(separator: "\n").first { $0.hasPrefix(field) } ?? ""
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
            return total + kilobytes / 1024
        }
    }
}
