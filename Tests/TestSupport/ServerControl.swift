import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Drives the test servers started by infra/local/servers.sh (restarts in fault tests).
package enum ServerControl {
    package struct Failed: Error, CustomStringConvertible {
        package var description: String
    }

    /// Runs `rabbitmqctl ARGUMENTS…`; throws when it fails.
    package static func rabbitmqctl(_ arguments: String...) throws {
        _ = try execute(["rabbitmqctl"] + arguments)
    }

    /// Runs `rabbitmqctl ARGUMENTS…` and returns what it printed.
    package static func rabbitmqctlOutput(_ arguments: String...) throws -> String {
        try execute(["rabbitmqctl"] + arguments)
    }

    /// Restarts PostgreSQL in fast mode (every connection cut) and returns once it accepts connections again.
    package static func restartPostgreSQL() throws {
        _ = try execute(["postgres-restart"])
    }

    /// Runs servers.sh with posix_spawn and waitpid: Foundation's `Process.waitUntilExit` called from a task was
    /// seen never to return once the child had exited (left a zombie, its exit never reaped).
    private static func execute(_ arguments: [String]) throws -> String {
        guard let directory = TestEnvironment.serversDirectory else {
            throw Failed(description: "TEST_SERVERS_DIR not set")
        }
        let script = TestEnvironment.packageRoot.appendingPathComponent("infra/local/servers.sh").path
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("servers-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([script, arguments[0], directory] + arguments.dropFirst()).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, script, &actions, nil, argv, environ) == 0 else {
            throw Failed(description: "servers.sh \(arguments[0]) could not start")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // Exited normally with code 0 (WIFEXITED and WEXITSTATUS, which Swift does not import).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw Failed(description: "\(arguments.joined(separator: " ")) ended with status \(status)")
        }
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }
}
