import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One service executable started as a separate process for system tests, stopped by PID.
package final class ServiceProcess: @unchecked Sendable {
    package let name: String
    package let port: Int
    private let process = Process()
    private let log: URL

    /// Starts `<bin>/<name> serve` with `environment` and `port` (a free one by default); output goes to a log file.
    package init(_ name: String, environment: [String: String], logDirectory: URL, port: Int? = nil) throws {
        self.name = name
        self.port = try port ?? Self.freePort()
        log = logDirectory.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(6)).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.executableURL = TestEnvironment.binDirectory.appendingPathComponent(name)
        process.arguments = ["serve"]
        var env = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        env["\(name.uppercased())_HTTP_PORT"] = String(self.port)
        process.environment = env
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    // A test that failed before stopping its processes must not leave them running: they would keep their ports and
    // go on retrying servers that are gone.
    deinit {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }

    package var pid: Int32 { process.processIdentifier }
    /// The signal that ended the process, if one did (once Foundation, which lags the kernel, has seen it end).
    package func terminatingSignal() async -> Int32? {
        _ = await eventually(timeout: .seconds(5)) { !self.process.isRunning }
        return !process.isRunning && process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil
    }
    package var baseURL: String { "http://127.0.0.1:\(port)" }
    package var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Waits until `/health/ready` answers 200.
    package func waitUntilReady(timeout: Duration = .seconds(30)) async -> Bool {
        await eventually(timeout: timeout) {
            let response = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: "\(self.baseURL)/health/ready"),
                timeout: .seconds(3)
            )
            return response.status == .ok
        }
    }

    /// SIGTERM, then waits for a clean exit; returns the exit status.
    @discardableResult
    package func stop() async -> Int32 {
        if isRunning { Foundation.kill(pid, SIGTERM) }
        _ = await eventually(timeout: .seconds(20)) { !self.isRunning }
        // Foundation's own view, which gives the status, may lag the kernel's by a moment.
        _ = await eventually(timeout: .seconds(5)) { !self.process.isRunning }
        return process.isRunning ? -1 : process.terminationStatus
    }

    /// SIGKILL, as a crash would.
    package func kill() async {
        if isRunning { Foundation.kill(pid, SIGKILL) }
        _ = await eventually(timeout: .seconds(10)) { !self.isRunning }
    }

    /// Whether the process still runs, as the kernel sees it: Foundation's `isRunning` was seen to lag, and a
    /// process it thought ended was then never stopped.
    package var isRunning: Bool {
        guard Foundation.kill(pid, 0) == 0 else { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        // The state follows the command name in parentheses: Z is a zombie, dead but not yet reaped.
        return stat.split(separator: ")").last?.split(separator: " ").first != "Z"
    }

    /// Runs a one-shot command of a service executable (e.g. `seed-demo`) and returns its standard output.
    package static func run(_ name: String, _ arguments: [String], environment: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = TestEnvironment.binDirectory.appendingPathComponent(name)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    package static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
