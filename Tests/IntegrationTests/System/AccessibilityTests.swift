import Foundation
import ServiceKit
import Testing
import TestSupport

@testable import Intake

/// The claimant pages in real headless Chromium with axe-core: zero WCAG 2.1 A/AA violations.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct AccessibilityTests {
    @Test func claimantPagesHaveNoWCAGViolations() async throws {
        let root = TestEnvironment.packageRoot
        let axe = root.appendingPathComponent(".run/axe/axe.min.js")
        try #require(FileManager.default.fileExists(atPath: "/usr/bin/chromium"), "chromium is missing: run infra/local/install.sh")
        try #require(FileManager.default.fileExists(atPath: axe.path), "axe-core is missing: run infra/local/browser-env.sh")
        let test = TestServices(database: try await TestDatabase.create(migrations: ["intake": try IntakeService.allMigrations()]))
        let screenshots = root.appendingPathComponent(".run/test/screenshots")
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        let intake = try ServiceProcess("intake", environment: test.environment(), logDirectory: screenshots)
        #expect(await intake.waitUntilReady())
        let base = intake.baseURL
        let steps = [
            "get:\(base)/",
            "submit:\(base)/",  // an empty form: the page with every field's error
            "get:\(base)/eligibilite",
            "get:\(base)/eligibilite?statut=locataire&vise=non",
            "get:\(base)/eligibilite?statut=locataire&vise=non&heberge=non&assureur=non&bailleur=non",
            "get:\(base)/eligibilite?statut=proprietaire-occupant&vise=oui",
            "get:\(base)/?statut=proprietaire-occupant&vise=oui",
        ]
        let process = Process()
        process.executableURL = root.appendingPathComponent(".venv/bin/python")
        process.arguments = [root.appendingPathComponent("Tests/Browser/axe_check.py").path, axe.path, screenshots.path] + steps
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "axe found violations or the browser failed:\n\(output)")
        let report = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [[String: Any]]]
        let pages = report?["pages"] ?? []
        #expect(pages.count == steps.count)
        #expect(pages.dropFirst().first?["title"] as? String == "Déclarer un bris de porte — Mon Indemnisation Justice")
        await intake.stop()
        try await test.database.drop()
    }
}
