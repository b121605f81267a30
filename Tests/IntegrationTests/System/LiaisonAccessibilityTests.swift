import Contracts
import Foundation
import Persistence
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Liaison

/// The investigators' portal in real headless Chromium, driven from the keyboard, with axe-core on every page:
/// sign-in (refused, then accepted), the unit's list, the declaration wizard (a step refused, then each step
/// typed), the recap and the submission with its code, then a rédacteur's question answered from the keyboard.
extension AccessibilityTests {
    @Test func theInvestigatorPagesHaveNoWCAGViolations() async throws {
        let axe = Self.root.appendingPathComponent(".run/axe/axe.min.js")
        try #require(
            FileManager.default.fileExists(atPath: axe.path),
            "axe-core is missing: run infra/local/browser-env.sh"
        )
        let test = TestServices(
            database: try await TestDatabase.create(migrations: ["liaison": try LiaisonService.allMigrations()])
        )
        let liaison = try ServiceProcess("liaison", environment: test.environment(), logDirectory: Self.screenshots)
        #expect(await liaison.waitUntilReady())
        let account = try ServiceProcess.run("liaison", ["seed-demo"], environment: test.environment())
            .split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        let (email, password) = (account[1], account[2])
        let base = liaison.baseURL
        let site = "— Mon Indemnisation Justice — forces de l’ordre"

        let declared = try Self.browse(
            axe: axe,
            prefix: "investigator",
            [
                "type:\(base)/fdo/connexion|email=\(email)|password=faux",
                "type:\(base)/fdo/connexion|email=\(email)|password=\(password)",  // → the unit's list
                "submit:",  // "Déclarer un bris de porte" → the first step
                "submit:",  // nothing answered: every error
                "type:|erreur=oui|description=Porte palière enfoncée au bélier.|dateOperation=\(ParisTime.isoDay(of: Date()))"
                    + "|adresse=12 rue Garibaldi|codePostal=69006|commune=Lyon",
                "type:|serviceEnqueteur=Brigade de recherches de Lyon|telephoneService=04 78 00 00 00"
                    + "|numeroProcedure=2026-000123",
                "type:|occupantConnu=oui|civilite=madame|nom=Bernard|prenom=Lucie|courriel=lucie@example.org",
                "press:|Transmettre la déclaration",
            ]
        )
        let titles = declared.map { $0["title"] as? String ?? "" }
        #expect(
            titles.prefix(7) == [
                "Connexion des enquêteurs \(site)", "Mes déclarations \(site)", "Les faits \(site)",
                "Les faits \(site)", "Le service enquêteur et la procédure \(site)", "L’occupant du logement \(site)",
                "Récapitulatif de la déclaration \(site)",
            ]
        )
        #expect(titles.last?.hasPrefix("Déclaration ") == true, "transmitted with its code: \(titles)")

        let declaration = try #require(
            try await test.database.settings("liaison").withClient(logger: TestDatabase.logger) { client in
                try await client.outboxEvents(DeclarationSubmitted.self, logger: TestDatabase.logger).first
            }
        )
        let question = InvestigatorQuerySent(
            queryId: UUID(),
            claimId: UUID(),
            reference: "BRI-20261201-0001",
            declarationId: declaration.declarationId,
            unitCode: declaration.unitCode,
            question: "La porte était-elle déjà abîmée ?",
            dueOn: ParisTime.isoDay(of: Date().addingTimeInterval(7 * 86_400)),
            askedBy: "Rémi Rédacteur",
            askedAt: Date()
        )
        try await test.database.settings("liaison").withClient(logger: TestDatabase.logger) { client in
            try await client.withConnection { connection in
                try await InvestigatorQuerySentHandler.record(question, on: connection, logger: TestDatabase.logger)
                // With a file the rédacteur joined, listed under the question.
                try await connection.query(
                    """
                    INSERT INTO query_attachment (document_id, query_id, file_name, scan_status, uploaded_at)
                    VALUES (\(UUID()), \(question.queryId), 'plan.pdf', 'clean', now())
                    """,
                    logger: TestDatabase.logger
                )
            }
        }
        let field = "reponse-\(question.queryId.uuidString.lowercased())"
        let answered = try Self.browse(
            axe: axe,
            prefix: "unit-answer",
            [
                "type:\(base)/fdo/connexion|email=\(email)|password=\(password)",  // the waiting question is listed
                "click:|Dossier BRI-20261201-0001",
                "type:|#\(field)=Non, elle était intacte.",
                "get:\(base)/fdo/serrurier",
            ]
        )
        #expect(answered[2]["title"] as? String == titles.last, "back on the declaration after answering")
        #expect(answered.last?["title"] as? String == "Réquisition d’un serrurier \(site)")
        await liaison.stop()
        try await test.database.drop()
    }

    /// A new investigator's first ProConnect sign-in (the provider's own page is a local stand-in, not audited):
    /// the posting form, the directory's units of a department, the unit picked from the keyboard.
    @Test func theProConnectPostingPagesHaveNoWCAGViolations() async throws {
        let axe = Self.root.appendingPathComponent(".run/axe/axe.min.js")
        try #require(FileManager.default.fileExists(atPath: axe.path), "axe-core is missing")
        let provider = try OIDCProviderMock(claims: [
            "sub": "pc-gendarme-7", "email": "paul.roux@gendarmerie.interieur.gouv.fr", "usual_name": "Roux",
            "siret": "13000001000015",
        ])
        #expect(await provider.waitUntilReady(), "oidc-provider-mock did not start")
        let test = TestServices(
            database: try await TestDatabase.create(migrations: ["liaison": try LiaisonService.allMigrations()])
        )
        let port = try ServiceProcess.freePort()
        let liaison = try ServiceProcess(
            "liaison",
            environment: test.environment([
                "PROCONNECT_ISSUER": provider.issuer, "PROCONNECT_CLIENT_ID": "mij-fdo",
                "PROCONNECT_CLIENT_SECRET": "secret-de-test", "PUBLIC_BASE_URL": "http://127.0.0.1:\(port)",
                "LIAISON_FORCE_SIRENS": "GN=130000010",
            ]),
            logDirectory: Self.screenshots,
            port: port
        )
        #expect(await liaison.waitUntilReady())
        let site = "— Mon Indemnisation Justice — forces de l’ordre"
        let pages = try Self.browse(
            axe: axe,
            prefix: "investigator-posting",
            [
                "external:\(liaison.baseURL)/fdo/connexion/proconnect",
                "external:|sub=pc-gendarme-7",  // → the posting form
                "type:|departement=69",  // → the gendarmerie units of the Rhône
                "type:|unite=GN-10003",  // → the unit's list
            ]
        )
        #expect(
            pages.map { $0["title"] as? String ?? "" } == [
                "Votre affectation \(site)", "Votre affectation \(site)", "Mes déclarations \(site)",
            ]
        )
        await liaison.stop()
        await provider.stop()
        try await test.database.drop()
    }
}
