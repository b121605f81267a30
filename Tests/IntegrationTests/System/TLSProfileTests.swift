import Foundation
import TestSupport
import Testing

/// Debian's testssl.sh (infra/local/install.sh).
private let testssl = "/usr/bin/testssl"

/// reliability.md §4.C 41, the public side: the gateway's HTTPS listener (infra/local/gateway.conf.template with
/// infra/local/tls-profile.conf, as `make up` runs it) examined by testssl.sh: TLS 1.2 and 1.3 only, no weak cipher
/// family, HSTS, and no finding rated high or critical.
@Suite(.enabled(if: TestEnvironment.serversCA != nil && FileManager.default.isExecutableFile(atPath: testssl)))
struct TLSProfileTests {

    /// One finding of testssl.sh's JSON report.
    struct Finding: Decodable {
        var id: String
        var severity: String
        var finding: String
    }

    @Test func theGatewayOffersOnlyStrongTLSAndHSTS() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gateway-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("nginx"),
            withIntermediateDirectories: true
        )
        let port = try ServiceProcess.freePort()
        let tlsDirectory = URL(fileURLWithPath: try #require(TestEnvironment.serversCA)).deletingLastPathComponent()
        let closed = String(try ServiceProcess.freePort())
        var configuration = try String(
            contentsOf: TestEnvironment.packageRoot.appendingPathComponent("infra/local/gateway.conf.template"),
            encoding: .utf8
        )
        for (placeholder, value) in [
            ("@RUN@", folder.path), ("@ROOT@", TestEnvironment.packageRoot.path),
            ("@GATEWAY_PORT@", String(try ServiceProcess.freePort())), ("@GATEWAY_TLS_PORT@", String(port)),
            ("@TLS_DIR@", tlsDirectory.path), ("@INTAKE_PORT@", closed), ("@DOCUMENTS_PORT@", closed),
            ("@INSTRUCTION_PORT@", closed), ("@LIAISON_PORT@", closed),
        ] {
            configuration = configuration.replacingOccurrences(of: placeholder, with: value)
        }
        let file = folder.appendingPathComponent("nginx/nginx.conf")
        try configuration.write(to: file, atomically: true, encoding: .utf8)
        let nginx = Process()
        nginx.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
        nginx.arguments = ["-p", folder.appendingPathComponent("nginx").path, "-c", file.path, "-g", "daemon off;"]
        nginx.standardError = FileHandle.nullDevice
        try nginx.run()
        defer { nginx.terminate() }

        let report = folder.appendingPathComponent("testssl.json")
        let scan = Process()
        scan.executableURL = URL(fileURLWithPath: testssl)
        scan.arguments = [
            "--quiet", "--color", "0", "--warnings", "off", "--protocols", "--std", "--headers",
            "--jsonfile", report.path, "127.0.0.1:\(port)",
        ]
        scan.standardOutput = FileHandle.nullDevice
        scan.standardError = FileHandle.nullDevice
        try scan.run()
        let finished = await eventually(timeout: .seconds(240)) { !scan.isRunning }
        #expect(finished, "testssl.sh did not finish")
        let findings = try JSONDecoder().decode([Finding].self, from: Data(contentsOf: report))
        let byId = Dictionary(findings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        for old in ["SSLv2", "SSLv3", "TLS1", "TLS1_1"] {
            #expect(byId[old]?.finding.hasPrefix("not offered") == true, "\(old): \(byId[old]?.finding ?? "absent")")
        }
        for current in ["TLS1_2", "TLS1_3"] {
            #expect(
                byId[current]?.finding.hasPrefix("offered") == true,
                "\(current): \(byId[current]?.finding ?? "absent")"
            )
        }
        // AVERAGE: the suites without forward secrecy or without AEAD (CBC), offered by many servers, none by ours.
        let weakFamilies = [
            "cipherlist_NULL", "cipherlist_aNULL", "cipherlist_EXPORT", "cipherlist_LOW", "cipherlist_3DES_IDEA",
            "cipherlist_AVERAGE",
        ]
        for weak in weakFamilies {
            #expect(byId[weak]?.finding == "not offered", "\(weak): \(byId[weak]?.finding ?? "absent")")
        }
        #expect(byId["HSTS_time"]?.severity == "OK", "HSTS: \(byId["HSTS_time"]?.finding ?? "absent")")
        // (Its "security_headers" finding reads the stub upstream's 502, which has none; SecurityHeadersTests checks
        // the services' own.)
        let serious = findings.filter { ["HIGH", "CRITICAL"].contains($0.severity) }
        #expect(serious.isEmpty, "\(serious.map { "\($0.id): \($0.finding)" })")
        try? FileManager.default.removeItem(at: folder)
    }
}
