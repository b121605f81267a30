import Foundation

/// Runs `rabbitmqctl` against the test broker started by infra/local/servers.sh (restarts in fault tests).
package enum BrokerControl {
    package struct Failed: Error, CustomStringConvertible {
        package var description: String
    }

    /// Runs `rabbitmqctl ARGUMENTS…`; throws when it fails.
    package static func run(_ arguments: String...) throws {
        _ = try execute(arguments)
    }

    /// Runs `rabbitmqctl ARGUMENTS…` and returns what it printed.
    package static func output(_ arguments: String...) throws -> String {
        try execute(arguments)
    }

    private static func execute(_ arguments: [String]) throws -> String {
        guard let directory = TestEnvironment.serversDirectory else { throw Failed(description: "TEST_SERVERS_DIR not set") }
        let process = Process()
        process.executableURL = TestEnvironment.packageRoot.appendingPathComponent("infra/local/servers.sh")
        process.arguments = ["rabbitmqctl", directory] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(description: "rabbitmqctl \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
