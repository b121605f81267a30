import Foundation

/// Runs `rabbitmqctl` against the test broker started by infra/local/servers.sh (restarts in fault tests).
package enum BrokerControl {
    package struct Failed: Error, CustomStringConvertible {
        package var description: String
    }

    package static func run(_ arguments: String...) throws {
        guard let directory = TestEnvironment.serversDirectory else { throw Failed(description: "TEST_SERVERS_DIR not set") }
        let process = Process()
        process.executableURL = TestEnvironment.packageRoot.appendingPathComponent("infra/local/servers.sh")
        process.arguments = ["rabbitmqctl", directory] + arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(description: "rabbitmqctl \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
    }
}
