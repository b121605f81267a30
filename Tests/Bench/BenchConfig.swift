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
    /// The services' base URLs, in the order of `servicePids` (for their /metrics).
    let serviceURLs: [String]
    /// Claims per second submitted while propagation is measured (`BENCH_PROPAGATION_RATE`, 50): a rate the whole
    /// stack sustains on two cores, so that the figure is the pipeline's latency, not a queue growing for 10 s.
    let propagationRate: Int
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
        serviceURLs = (env["BENCH_SERVICE_URLS"] ?? "").split(separator: " ").map(String.init)
        propagationRate = env["BENCH_PROPAGATION_RATE"].flatMap(Int.init) ?? 50
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

    /// CPU time (user + system) the process has used so far, in milliseconds.
    static func cpuMilliseconds(pid: Int32) -> Double {
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        // After the command name in parentheses: state is field 3, utime and stime fields 14 and 15.
        let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) * 1000 / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Open file descriptors (files, sockets, pipes) of the process.
    static func openFiles(pid: Int32) -> Double {
        Double((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd"))?.count ?? 0)
    }

    private static func total(_ field: String, in pids: [Int32]) -> Double {
        pids.reduce(0) { total, pid in
            let rollup = (try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8)) ?? ""
            let line = rollup.split(separator: "\n").first { $0.hasPrefix(field) } ?? ""
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
            return total + kilobytes / 1024
        }
    }
}
