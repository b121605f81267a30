import Foundation
import ServiceKit
import TestSupport
import Testing

@testable import Intake

/// The claimant journey in real headless Chromium, driven from the keyboard, with axe-core on every page:
/// zero WCAG 2.1 A/AA violations. Two browser runs, because the activation link arrives by e-mail in between.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct AccessibilityTests {
    private static let root = TestEnvironment.packageRoot
    private static let screenshots = root.appendingPathComponent(".run/test/screenshots")

    @Test func theClaimantJourneyHasNoWCAGViolations() async throws {
        let axe = Self.root.appendingPathComponent(".run/axe/axe.min.js")
        try #require(
            FileManager.default.fileExists(atPath: "/usr/bin/chromium"),
            "chromium is missing: run infra/local/install.sh"
        )
        try #require(
            FileManager.default.fileExists(atPath: axe.path),
            "axe-core is missing: run infra/local/browser-env.sh"
        )
        let test = TestServices(
            database: try await TestDatabase.create(migrations: ["intake": try IntakeService.allMigrations()])
        )
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let intake = try ServiceProcess("intake", environment: test.environment(), logDirectory: Self.screenshots)
        #expect(await intake.waitUntilReady())
        let base = intake.baseURL
        let email = "parcours@example.org", password = "une phrase de passe assez longue"

        let visitor = try Self.browse(
            axe: axe,
            prefix: "visitor",
            [
                "get:\(base)/",
                "get:\(base)/eligibilite",
                "get:\(base)/eligibilite?statut=locataire&vise=non",
                "get:\(base)/eligibilite?statut=locataire&vise=non&heberge=non&assureur=non&bailleur=non",
                "get:\(base)/eligibilite?statut=proprietaire-occupant&vise=oui",
                // Signed out, the claim form answers with the sign-in page (which comes back afterwards).
                "get:\(base)/demandes/nouvelle?statut=proprietaire-occupant&vise=oui",
                "submit:\(base)/compte/creer",  // every field's error
                "type:\(base)/compte/creer|email=\(email)|password=\(password)|passwordConfirmation=\(password)",
                "get:\(base)/connexion/mot-de-passe-oublie",
            ]
        )
        #expect(visitor.count == 9)
        #expect(visitor[5]["title"] as? String == "Me connecter — Mon Indemnisation Justice")
        #expect(visitor[7]["title"] as? String == "Consultez votre messagerie — Mon Indemnisation Justice")

        let link = try #require(try await test.database.lastEmailedLinkPath("intake.claimant-verification-requested"))
        let claimant = try Self.browse(
            axe: axe,
            prefix: "claimant",
            [
                "get:\(base)\(link)",
                "submit:\(base)\(link)",
                "type:\(base)/connexion|email=\(email)|password=\(password)",  // → Mes demandes
                "get:\(base)/demandes/nouvelle?statut=proprietaire-occupant&vise=oui",
                "submit:\(base)/demandes/nouvelle?statut=proprietaire-occupant&vise=oui",  // → the draft's first step
                "submit:",  // nothing chosen: the step's error
                "type:|claimantKind=personne",
                "type:|civility=MME|firstName=Élodie|lastName=Martin|birthDate=1985-04-12|birthPlace=Lyon"
                    + "|residenceStreetAddress=3 rue des Lilas|residencePostalCode=75011|residenceCommune=Paris",
                "submit:",  // the dwelling, prefilled with the claimant's address
                "type:|doorBreakDate=2026-11-01|force=GN|armouredDoor=non|description=Porte enfoncée au bélier.",
                "type:|claimedAmount=1250,50",
                "type:|accountHolder=Élodie Martin|iban=FR76 3000 6000 0112 3456 7890 189|bic=BNPAFRPP",
                "submit:",  // the review → submitted
            ]
        )
        let step = "— Mon Indemnisation Justice"
        let titles = claimant.map { $0["title"] as? String ?? "" }
        #expect(
            titles.dropLast() == [
                "Activer mon compte \(step)", "Votre compte est activé \(step)", "Mes demandes \(step)",
                "Déclarer un bris de porte \(step)", "Qui fait la demande \(step)", "Qui fait la demande \(step)",
                "Identité et adresse \(step)", "Le logement \(step)", "Le bris de porte \(step)",
                "Le montant demandé \(step)", "Coordonnées bancaires \(step)", "Récapitulatif de votre demande \(step)",
            ]
        )
        #expect(titles.last?.hasPrefix("Demande BRI-") == true, "the review's button submits the claim")
        await intake.stop()
        try await test.database.drop()
    }

    /// Runs the browser over `steps` (see Tests/Browser/axe_check.py); the report of each page.
    private static func browse(axe: URL, prefix: String, _ steps: [String]) throws -> [[String: Any]] {
        let folder = screenshots.appendingPathComponent(prefix)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = root.appendingPathComponent(".venv/bin/python")
        process.arguments =
            [root.appendingPathComponent("Tests/Browser/axe_check.py").path, axe.path, folder.path] + steps
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "axe found violations or the browser failed:\n\(output)")
        let report = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [[String: Any]]]
        return report?["pages"] ?? []
    }
}
