import Contracts
import Foundation
import Persistence
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Instruction

/// The back office in real headless Chromium with axe-core on every page: sign-in (with its error), the
/// dashboard and a search, the claim page as the attributeur (who assigns from the keyboard) and as the rédacteur
/// (a request for information refused, then sent; the statistics; a question to the unit that declared the door
/// break), and the staff pages as a gestionnaire (a declaration refused, then made, and the new account's page).
extension AccessibilityTests {
    @Test func theAgentPagesHaveNoWCAGViolations() async throws {
        let axe = Self.root.appendingPathComponent(".run/axe/axe.min.js")
        try #require(
            FileManager.default.fileExists(atPath: axe.path),
            "axe-core is missing: run infra/local/browser-env.sh"
        )
        let test = TestServices(
            database: try await TestDatabase.create(migrations: ["instruction": try InstructionService.allMigrations()])
        )
        let instruction = try ServiceProcess(
            "instruction",
            environment: test.environment(),
            logDirectory: Self.screenshots
        )
        #expect(await instruction.waitUntilReady())
        let accounts = try ServiceProcess.run("instruction", ["seed-demo"], environment: test.environment())
            .split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.filter { $0.count == 3 }
        func password(_ name: String) throws -> String {
            try #require(accounts.first { $0[1] == "\(name)@agents.mij.test" })[2]
        }
        let declaration = DeclarationFixtures.submitted()
        var attached = ClaimFixtures.submitted(number: 11)
        attached.declarationId = declaration.declarationId
        let (toAssign, inInstruction) = (ClaimFixtures.submitted(number: 10), attached)
        try await test.database.settings("instruction").withClient(logger: TestDatabase.logger) { client in
            try await client.withConnection { connection in
                try await DeclarationSubmittedHandler.record(declaration, on: connection, logger: TestDatabase.logger)
            }
            for claim in [toAssign, inInstruction] {
                try await client.withTransaction(logger: TestDatabase.logger) { connection in
                    try await ClaimSubmittedHandler.record(claim, on: connection, logger: TestDatabase.logger)
                }
            }
            try await client.query(
                """
                UPDATE claim SET status = 'EN_INSTRUCTION',
                    assignee_id = (SELECT id FROM agent WHERE email = 'redacteur@agents.mij.test')
                WHERE id = \(inInstruction.claimId)
                """,
                logger: TestDatabase.logger
            )
        }
        let base = instruction.baseURL
        func claimURL(_ claim: ClaimSubmitted) -> String {
            "\(base)/agents/dossiers/\(claim.claimId.uuidString.lowercased())"
        }
        let attributeur = try Self.browse(
            axe: axe,
            prefix: "attributeur",
            [
                "type:\(base)/agents/connexion|email=attributeur@agents.mij.test|password=faux",
                "type:\(base)/agents/connexion|email=attributeur@agents.mij.test|password=\(try password("attributeur"))",
                "get:\(base)/agents/dossiers?q=\(toAssign.claimant.lastName)",
                "get:\(claimURL(toAssign))",
                "type:\(claimURL(toAssign))|redacteur=Agent rédacteur",
            ]
        )
        let titles = attributeur.map { $0["title"] as? String ?? "" }
        let site = "— Mon Indemnisation Justice — agents"
        #expect(titles.prefix(3) == ["Connexion des agents \(site)", "Dossiers \(site)", "Dossiers \(site)"])
        #expect(titles.suffix(2) == ["Dossier \(toAssign.reference) \(site)", "Dossier \(toAssign.reference) \(site)"])
        #expect(
            (attributeur.last?["url"] as? String)?.hasSuffix("?fait=attribue") == true,
            "assigned from the keyboard"
        )

        let redacteur = try Self.browse(
            axe: axe,
            prefix: "redacteur",
            [
                "type:\(base)/agents/connexion|email=redacteur@agents.mij.test|password=\(try password("redacteur"))",
                "get:\(claimURL(inInstruction))",
                "type:\(claimURL(inInstruction))|message= ",  // refused: the message is required
                "type:\(claimURL(inInstruction))|message=La facture est illisible.",
                "get:\(base)/agents/statistiques",
                // The police's declaration is on the claim: a question to the unit, from the keyboard.
                "type:\(claimURL(inInstruction))|question=La porte était-elle déjà abîmée ?",
            ]
        )
        #expect(redacteur.count == 6)
        #expect((redacteur.last?["url"] as? String)?.hasSuffix("?fait=question") == true, "asked from the keyboard")
        let manager = try Self.browse(
            axe: axe,
            prefix: "gestionnaire",
            [
                "type:\(base)/agents/connexion|email=gestionnaire@agents.mij.test|password=\(try password("gestionnaire"))",
                "type:|email=ines.nouvelle@justice.gouv.fr|nom=Inès Nouvelle",  // refused: no role
                "type:\(base)/agents/gestion|email=ines.nouvelle@justice.gouv.fr|nom=Inès Nouvelle|#declaration-redacteur= ",
                "click:|Inès Nouvelle",
            ]
        )
        #expect(manager.map { $0["title"] as? String ?? "" }.first == "Gestion des agents \(site)", "lands on staff")
        #expect((manager[2]["url"] as? String)?.hasSuffix("?fait=declare") == true, "declared from the keyboard")
        #expect(manager.last?["title"] as? String == "Compte de Inès Nouvelle \(site)")
        let referent = try Self.browse(
            axe: axe,
            prefix: "referent",
            [
                "type:\(base)/agents/connexion|email=protection-donnees@agents.mij.test|password=\(try password("protection-donnees"))",
                "type:|email=personne@example.org",  // refused: no kind, no letter
                "type:\(base)/agents/donnees-personnelles|nature=access|email=personne@example.org|courrier=Courrier du 1er décembre",
            ]
        )
        let referentTitles = referent.map { $0["title"] as? String ?? "" }
        #expect(referentTitles.first == "Demandes sur les données personnelles \(site)", "lands on the requests")
        #expect(referentTitles.last?.hasPrefix("Demande d’accès du") == true, "opened from the keyboard")
        #expect(redacteur[4]["title"] as? String == "Statistiques \(site)")
        #expect((redacteur[3]["url"] as? String)?.hasSuffix("?fait=complement") == true)
        await instruction.stop()
        try await test.database.drop()
    }
}
