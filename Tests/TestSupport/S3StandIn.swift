import Foundation

/// An S3-compatible store on loopback for the blob store's tests (`infra/local/s3-stand-in.py`: moto's server in
/// `.venv`) with one bucket, one user allowed on it, and every request's Signature Version 4 checked.
package final class S3StandIn: @unchecked Sendable {
    /// What the stand-in made: where it listens and the user's keys.
    package struct Account: Decodable, Sendable {
        package var endpoint: String
        package var bucket: String
        package var region: String
        package var accessKeyId: String
        package var secretAccessKey: String
    }

    private let process = Process()
    private let readyFile: URL

    /// Starts it; `account()` waits until it is ready.
    package init() throws {
        readyFile = FileManager.default.temporaryDirectory.appendingPathComponent("s3-\(UUID().uuidString).json")
        process.executableURL = TestEnvironment.packageRoot.appendingPathComponent(".venv/bin/python")
        process.arguments = [
            TestEnvironment.packageRoot.appendingPathComponent("infra/local/s3-stand-in.py").path,
            "--port", String(try ServiceProcess.freePort()), "--ready", readyFile.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// The bucket and the keys, once the stand-in has made them (nil if it did not within 60 s).
    package func account() async -> Account? {
        _ = await eventually(timeout: .seconds(60)) {
            FileManager.default.fileExists(atPath: self.readyFile.path) || !self.process.isRunning
        }
        return try? JSONDecoder().decode(Account.self, from: Data(contentsOf: readyFile))
    }

    /// SIGTERM, then SIGKILL if it lingers.
    package func stop() async {
        if process.isRunning { process.terminate() }
        if await !eventually(timeout: .seconds(5), { !self.process.isRunning }) {
            kill(process.processIdentifier, SIGKILL)
        }
        try? FileManager.default.removeItem(at: readyFile)
    }

    /// Runs `body` with a fresh stand-in, stopped afterwards.
    package static func with(_ body: (Account) async throws -> Void) async throws {
        let standIn = try S3StandIn()
        do {
            guard let account = await standIn.account() else { throw S3StandInError.notReady }
            try await body(account)
        } catch {
            await standIn.stop()
            throw error
        }
        await standIn.stop()
    }
}

/// The stand-in did not start (is moto in `.venv`? `infra/local/python-env.sh test`).
package struct S3StandInError: Error {
    static let notReady = S3StandInError()
}
