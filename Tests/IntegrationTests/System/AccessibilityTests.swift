import Foundation
import ServiceKit
import TestSupport
import Testing

@testable import Documents
@testable import Intake

/// The claimant journey in real headless Chromium, driven from the keyboard, with axe-core on every page:
/// zero WCAG 2.1 A/AA violations. Three browser runs: the activation link arrives by e-mail after the first, and
/// the uploads reach intake's checklist through the bus after the second.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct AccessibilityTests {
    static let root = TestEnvironment.packageRoot
    static let screenshots = root.appendingPathComponent(".run/test/screenshots")

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
            database: try await TestDatabase.create(migrations: [
                "intake": try IntakeService.allMigrations(), "documents": try DocumentsService.allMigrations(),
            ])
        )
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let (intakePort, documentsPort) = (try ServiceProcess.freePort(), try ServiceProcess.freePort())
        let environment = test.environment([
            "PUBLIC_BASE_URL": "http://127.0.0.1:\(intakePort)",
            "DOCUMENTS_PUBLIC_URL": "http://127.0.0.1:\(documentsPort)",
            "DOCUMENTS_STORAGE_PATH": Self.screenshots.appendingPathComponent("blobs").path,
            // The sign-in page then offers FranceConnect (the provider is only called when the button is used).
            "FRANCECONNECT_ISSUER": "http://127.0.0.1:9", "FRANCECONNECT_CLIENT_ID": "mij-intake",
            "FRANCECONNECT_CLIENT_SECRET": "secret-de-test",
        ])
        let intake = try ServiceProcess(
            "intake",
            environment: environment,
            logDirectory: Self.screenshots,
            port: intakePort
        )
        let documents = try ServiceProcess(
            "documents",
            environment: environment,
            logDirectory: Self.screenshots,
            port: documentsPort
        )
        #expect(await intake.waitUntilReady())
        #expect(await documents.waitUntilReady())
        let base = intake.baseURL
        let (cleanPDF, infectedPDF) = try Self.writeTestFiles()
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
                "type:|#fichier-facture=\(infectedPDF.path)",  // refused by the antivirus
            ] + Self.requiredDocuments.map { "type:|#fichier-\($0.rawValue)=\(cleanPDF.path)" }
        )
        let step = "— Mon Indemnisation Justice"
        let titles = claimant.map { $0["title"] as? String ?? "" }
        #expect(
            titles.dropLast() == [
                "Activer mon compte \(step)", "Votre compte est activé \(step)", "Mes demandes \(step)",
                "Déclarer un bris de porte \(step)", "Qui fait la demande \(step)", "Qui fait la demande \(step)",
                "Identité et adresse \(step)", "Le logement \(step)", "Le bris de porte \(step)",
                "Le montant demandé \(step)", "Coordonnées bancaires \(step)",
            ] + Array(repeating: "Pièces justificatives \(step)", count: Self.requiredDocuments.count + 1)
        )
        let outcomes = claimant.suffix(Self.requiredDocuments.count + 1).map { ($0["url"] as? String) ?? "" }
        #expect(
            outcomes.first?.hasSuffix("depot=virus") == true
                && outcomes.dropFirst().allSatisfy { $0.hasSuffix("depot=recu") }
        )

        // The uploads reach intake's checklist through the bus; then the claimant reviews and submits.
        let listed = await eventually {
            try await test.database.count("SELECT count(*) FROM intake.claim_document") == Self.requiredDocuments.count
        }
        #expect(listed)
        let submitted = try Self.browse(
            axe: axe,
            prefix: "submission",
            [
                "type:\(base)/connexion|email=\(email)|password=\(password)",
                "click:|Reprendre ma demande en cours",  // → its first incomplete step: the review
                "submit:",
                "get:\(base)/mon-espace/donnees",
            ]
        )
        let submittedTitles = submitted.map { $0["title"] as? String ?? "" }
        #expect(submittedTitles.prefix(2) == ["Mes demandes \(step)", "Récapitulatif de votre demande \(step)"])
        #expect(
            submittedTitles.dropFirst(2).first?.hasPrefix("Demande BRI-") == true,
            "the review's button submits the claim"
        )
        #expect(submittedTitles.last == "Mes données personnelles \(step)")
        await documents.stop()
        await intake.stop()
        try await test.database.drop()
    }

    /// The documents of the journey's claimant, an owner-occupier (the answer the eligibility test carried).
    private static let requiredDocuments = ClaimForm(fields: ["capacity": "proprietaire-occupant"]).requiredDocuments

    /// A clean PDF and one carrying the antivirus test marker, for the browser to upload.
    private static func writeTestFiles() throws -> (clean: URL, infected: URL) {
        let pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        let clean = screenshots.appendingPathComponent("piece.pdf")
        let infected = screenshots.appendingPathComponent("piece-infectee.pdf")
        try Data(pdf.utf8).write(to: clean)
        try Data((pdf + "% CLAIMS-AV-TEST-MARKER\n").utf8).write(to: infected)
        return (clean, infected)
    }

    /// Runs the browser over `steps` (see Tests/Browser/axe_check.py); the report of each page.
    static func browse(axe: URL, prefix: String, _ steps: [String]) throws -> [[String: Any]] {
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
