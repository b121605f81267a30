import Foundation

/// A mail relay as a transactional provider runs one (`infra/local/smtp-relay-stand-in.py`, aiosmtpd): STARTTLS
/// and AUTH required, PIPELINING offered, a certificate of its own for `localhost` made with openssl, and the first
/// messages answered 451 when asked. What it accepts lands in `out` (`<n>.eml` and `<n>.json`).
package final class SMTPRelayStandIn: @unchecked Sendable {
    package let port: Int
    package let directory: URL
    package var out: URL { directory.appendingPathComponent("out") }
    /// The certificate to trust (the relay's own, self-signed).
    package var certificate: String { directory.appendingPathComponent("cert.pem").path }
    package static let user = "mij-notification"
    package static let password = "mot-de-passe-du-relais"
    private let process = Process()

    /// `failFirst`: the first messages answered 451; `failAt`: only the one of that rank (from 1), once;
    /// `refusedDomain`: its recipients answered 550 (unknown user).
    package init(mechanisms: String = "PLAIN,LOGIN", failFirst: Int = 0, failAt: Int = 0, refusedDomain: String = "")
        throws
    {
        port = try ServiceProcess.freePort()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-relay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let key = try SelfSignedCertificate.make(
            in: directory,
            commonName: "localhost",
            subjectAltName: "DNS:localhost,IP:127.0.0.1"
        ).key
        process.executableURL = TestEnvironment.packageRoot.appendingPathComponent(".venv/bin/python")
        process.arguments = [
            TestEnvironment.packageRoot.appendingPathComponent("infra/local/smtp-relay-stand-in.py").path,
            "--port", String(port), "--cert", certificate, "--key", key,
            "--user", Self.user, "--password", Self.password, "--out", out.path, "--mechanisms", mechanisms,
            "--fail-first", String(failFirst), "--fail-at", String(failAt), "--refuse-domain", refusedDomain,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Waits until the relay listens.
    package func waitUntilReady() async -> Bool {
        await eventually(timeout: .seconds(20)) {
            FileManager.default.fileExists(atPath: self.out.appendingPathComponent("ready").path)
        }
    }

    /// How many messages it accepted.
    package var acceptedCount: Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).filter { $0.hasSuffix(".eml") }.count
    }

    /// The `n`th message accepted (from 1): its raw text and what the relay noted of its envelope.
    package func message(_ n: Int) throws -> (raw: String, details: [String: Any]) {
        let raw = try String(contentsOf: out.appendingPathComponent("\(n).eml"), encoding: .utf8)
        let json = try Data(contentsOf: out.appendingPathComponent("\(n).json"))
        return (raw, try JSONSerialization.jsonObject(with: json) as? [String: Any] ?? [:])
    }

    package func stop() async {
        if process.isRunning { process.terminate() }
        if await !eventually(timeout: .seconds(5), { !self.process.isRunning }) {
            kill(process.processIdentifier, SIGKILL)
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
