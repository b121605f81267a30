import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresNIO
import ReferenceData
import ServiceKit
import TestSupport
import Testing

@testable import Liaison

/// An investigator declares a door break against real PostgreSQL: sign-in, the wizard saved at every step, the
/// server's checks, submission with its code and event, and the unit as the boundary of what anyone sees.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct DeclarationJourneyTests {
    static let facts: [(String, String)] = [
        ("erreur", "oui"), ("description", "Porte palière enfoncée ; le logement visé était au 3e étage."),
        ("dateOperation", "2026-11-17"), ("adresse", "12 rue Garibaldi"), ("codePostal", "69006"),
        ("commune", "Lyon"),
    ]
    static let procedure: [(String, String)] = [
        ("serviceEnqueteur", "Brigade de recherches de Lyon"), ("telephoneService", "04 78 00 00 00"),
        ("numeroProcedure", "2026-000123"), ("juridiction", "Parquet de Lyon"), ("magistrat", ""),
    ]
    static let occupant: [(String, String)] = [
        ("occupantConnu", "oui"), ("civilite", "madame"), ("nom", "Bernard"), ("prenom", "Lucie"),
        ("courriel", "lucie.bernard@example.org"), ("telephone", ""), ("precisions", ""),
    ]
    static let today = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func anInvestigatorSignsInDeclaresAndGetsTheOccupantsCode() async throws {
        try await LiaisonHarness.make(clock: { Self.today }).run { harness, client in
            let anonymous = try await client.get("/fdo", as: nil)
            #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/fdo/connexion?retour=/fdo")
            let me = try await signIn(client, harness: harness)
            let started = try await client.post("/fdo/declarations", as: me)
            let factsPath = try #require(started.headers[.location])
            #expect(factsPath.hasSuffix("/faits"))
            let declaration = String(factsPath.dropLast("/faits".count))

            // A wrong answer is refused next to its field, and nothing typed is lost.
            var wrong = Self.facts
            wrong[4] = ("codePostal", "690")
            let refused = try await client.post(factsPath, as: me, wrong + [("suite", "continuer")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Indiquez un code postal à 5 chiffres"))
            #expect(refused.text.contains("value=\"12 rue Garibaldi\""))
            #expect(try await client.get(factsPath, as: me).text.contains("value=\"690\""), "the draft kept it")

            for (step, answers) in [("faits", Self.facts), ("procedure", Self.procedure), ("occupant", Self.occupant)] {
                let saved = try await client.post("\(declaration)/\(step)", as: me, answers + [("suite", "continuer")])
                #expect(saved.status == .seeOther, "\(step): \(saved.text.prefix(300))")
            }
            let recap = try await client.get(declaration, as: me)
            #expect(recap.text.contains("Transmettre la déclaration") && recap.text.contains("17 novembre 2026"))

            let submitted = try await client.post("\(declaration)/transmission", as: me)
            #expect(submitted.status == .seeOther)
            let events = try await harness.platform.client.outboxEvents(
                DeclarationSubmitted.self,
                logger: TestDatabase.logger
            )
            let event = try #require(events.first)
            #expect(events.count == 1)
            #expect(event.unitCode == "PN-LYON-01" && event.occupant?.lastName == "Bernard")
            #expect(event.procedure.servicePhone == "+33478000000")
            #expect(event.codeExpiresAt == Self.today.addingTimeInterval(DeclarationRepository.codeLifetime))
            let page = try await client.get(declaration, as: me).text
            #expect(page.contains(event.code.display) && page.contains("16 février 2027"))
            #expect(!page.contains("Transmettre la déclaration"), "a submitted declaration is frozen")
            #expect(!page.contains("Cette étape est incomplète"))

            // Frozen: no step can be saved, submitted again or deleted.
            let late = try await client.post("\(declaration)/faits", as: me, Self.facts)
            #expect(late.status == .seeOther && late.headers[.location] == declaration)
            _ = try await client.post("\(declaration)/transmission", as: me)
            #expect(try await harness.database.count("SELECT count(*) FROM liaison.outbox") == 1)
            #expect(try await client.post("\(declaration)/suppression", as: me).status == .conflict)
            let list = try await client.get("/fdo?etat=submitted&recherche=\(event.code.display)", as: me).text
            #expect(list.contains("Déclaration \(event.code.display)") && list.contains("69006 Lyon"))
        }
    }

    @Test func aUnitSeesOnlyItsOwnDeclarations() async throws {
        try await LiaisonHarness.make(clock: { Self.today }).run { harness, client in
            let author = try await harness.investigator(unit: "GN-BR-69", force: "GN", name: "Auteur")
            let colleague = try await harness.investigator(unit: "GN-BR-69", force: "GN", name: "Collègue")
            let stranger = try await harness.investigator(unit: "PN-MARSEILLE", name: "Autre unité")
            let draft = try #require(try await client.post("/fdo/declarations", as: author).headers[.location])
            let declaration = String(draft.dropLast("/faits".count))
            _ = try await client.post(draft, as: author, Self.facts + [("suite", "plus-tard")])

            #expect(try await client.get(declaration, as: colleague).status == .ok, "the unit shares its declarations")
            #expect(try await client.get("/fdo", as: colleague).text.contains("Auteur"))
            try await harness.platform.client.query(
                """
                INSERT INTO declaration_attachment (document_id, declaration_id, type, file_name, scan_status, uploaded_by,
                                                    uploaded_at)
                SELECT \(UUID()), id, 'pv_fdo', 'pv.pdf', 'clean', \(author.id), now() FROM declaration
                """,
                logger: TestDatabase.logger
            )
            let attachment = try #require(
                try await client.get(declaration, as: colleague).text.firstMatch(
                    of: /href="([^"]+\/pieces\/[0-9a-f-]{36})"/
                )?.1
            )
            #expect(
                try await client.get(String(attachment), as: colleague).status == .seeOther,
                "to the documents service"
            )
            for path in [declaration, draft, String(attachment), "\(declaration)/avis"] {
                #expect(try await client.get(path, as: stranger).status == .notFound, "\(path)")
            }
            #expect(try await client.post(draft, as: stranger, Self.facts).status == .notFound)
            #expect(try await client.post("\(declaration)/transmission", as: stranger).status == .notFound)
            #expect(try await client.post("\(declaration)/suppression", as: stranger).status == .notFound)
            #expect(!(try await client.get("/fdo", as: stranger).text.contains("Auteur")))
            // A forged form without the session's token changes nothing.
            #expect(try await client.post("\(declaration)/suppression", as: author, csrf: false).status == .forbidden)

            let deleted = try await client.post("\(declaration)/suppression", as: colleague)
            #expect(deleted.status == .seeOther)
            #expect(try await harness.database.count("SELECT count(*) FROM liaison.declaration") == 0)
            let deletion = try await harness.platform.client.outboxEvents(
                DeclarationDraftDeleted.self,
                logger: TestDatabase.logger
            )
            #expect(deletion.first?.documentIds.count == 1, "documents is asked to delete the attached report")
        }
    }

    @Test func theOccupantsContactCanBeAddedAfterSubmissionUntilTheyAttach() async throws {
        try await LiaisonHarness.make(clock: { Self.today }).run { harness, client in
            let me = try await harness.investigator(unit: "PN-LYON-01")
            let draft = try #require(try await client.post("/fdo/declarations", as: me).headers[.location])
            let declaration = String(draft.dropLast("/faits".count))
            let unknown = [("occupantConnu", "non"), ("precisions", "Avis laissé dans la boîte aux lettres.")]
            for (step, answers) in [("faits", Self.facts), ("procedure", Self.procedure), ("occupant", unknown)] {
                _ = try await client.post("\(declaration)/\(step)", as: me, answers + [("suite", "continuer")])
            }
            _ = try await client.post("\(declaration)/transmission", as: me)
            let submitted = try #require(
                try await harness.platform.client.outboxEvents(DeclarationSubmitted.self, logger: TestDatabase.logger)
                    .first
            )
            #expect(submitted.occupant == nil)
            #expect(try await client.get(declaration, as: me).text.contains("Coordonnées de l’occupant"))

            let contact = [("civilite", "monsieur"), ("nom", "Bernard"), ("prenom", "Paul"), ("telephone", "")]
            let refused = try await client.post("\(declaration)/coordonnees", as: me, contact + [("courriel", "paul@")])
            #expect(refused.status == .unprocessableContent && refused.text.contains("value=\"paul@\""))
            #expect(refused.text.contains("Indiquez une adresse électronique valide"))
            let invited = try await client.post(
                "\(declaration)/coordonnees",
                as: me,
                contact + [("courriel", "paul.bernard@example.org")]
            )
            #expect(invited.status == .seeOther && invited.headers[.location] == "\(declaration)?invitation=envoyee")
            let updated = try #require(
                try await harness.platform.client.outboxEvents(
                    DeclarationContactUpdated.self,
                    logger: TestDatabase.logger
                )
                .first
            )
            #expect(updated.occupant.email == "paul.bernard@example.org" && updated.code == submitted.code)
            #expect(updated.codeExpiresAt == Self.today.addingTimeInterval(DeclarationRepository.codeLifetime))
            let page = try await client.get("\(declaration)?invitation=envoyee", as: me).text
            #expect(
                page.contains("l’invitation est envoyée") && page.contains("Avis laissé dans la boîte aux lettres.")
            )

            // Once the occupant attached it, the contact is theirs to manage.
            try await harness.platform.client.query(
                "UPDATE declaration SET state = 'linked'",
                logger: TestDatabase.logger
            )
            #expect(!(try await client.get(declaration, as: me).text.contains("Coordonnées de l’occupant")))
            let late = try await client.post(
                "\(declaration)/coordonnees",
                as: me,
                contact + [("courriel", "x@example.org")]
            )
            #expect(late.status == .conflict)
        }
    }

    @Test func attachmentsGoToTheDocumentsServiceWhichThePageAllowsAsAFormTarget() async throws {
        try await LiaisonHarness.make(settings: ["DOCUMENTS_PUBLIC_URL": "http://documents.test"]).run {
            harness,
            client in
            let me = try await harness.investigator(unit: "PN-LYON-01")
            let draft = try #require(try await client.post("/fdo/declarations", as: me).headers[.location])
            let page = try await client.get(String(draft.dropLast("/faits".count)), as: me)
            #expect(page.text.contains(#"action="http://documents.test/documents/televersement""#))
            #expect(page.headers[.contentSecurityPolicy]?.contains("form-action 'self' http://documents.test") == true)
        }
    }

    @Test func anIncompleteDraftCannotBeSubmitted() async throws {
        try await LiaisonHarness.make(clock: { Self.today }).run { harness, client in
            let me = try await harness.investigator(unit: "PN-LYON-01")
            let draft = try #require(try await client.post("/fdo/declarations", as: me).headers[.location])
            let declaration = String(draft.dropLast("/faits".count))
            _ = try await client.post(draft, as: me, Self.facts + [("suite", "continuer")])
            let refused = try await client.post("\(declaration)/transmission", as: me)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("La déclaration est incomplète"))
            #expect(try await harness.database.count("SELECT count(*) FROM liaison.outbox") == 0)
        }
    }

    @Test func theDwellingsCommuneIsCheckedAgainstLaPostesPostalCodes() async throws {
        try await LiaisonHarness.make(clock: { Self.today }).run { harness, client in
            try await ReferenceImporter(client: harness.platform.client, logger: TestDatabase.logger)
                .importAll(from: ReferenceSettings.sampleDirectory)
            let me = try await harness.investigator(unit: "PN-LYON-01")
            let draft = try #require(try await client.post("/fdo/declarations", as: me).headers[.location])
            func facts(_ postalCode: String, _ commune: String) async throws -> TestResponse {
                let answers = Self.facts.filter { $0.0 != "codePostal" && $0.0 != "commune" }
                return try await client.post(
                    draft,
                    as: me,
                    answers + [("codePostal", postalCode), ("commune", commune), ("suite", "continuer")]
                )
            }
            let several = try await facts("13100", "")
            #expect(several.status == .unprocessableContent)
            #expect(
                several.text.contains("Le code postal 13100 dessert : Aix-en-Provence, Beaurecueil ou Le Tholonet.")
            )
            #expect(try await facts("99999", "Lyon").text.contains("Le code postal 99999 n’existe pas"))
            #expect(try await facts("69006", "LYON").status == .seeOther)
            #expect(
                try await harness.database.count(
                    "SELECT count(*) FROM liaison.declaration WHERE answers->>'commune' = 'Lyon'"
                ) == 1,
                "written as the reference names it"
            )
        }
    }

    /// Signs in through the form with a local account of unit `PN-LYON-01`; the session as the browser holds it.
    private func signIn(_ client: some TestClientProtocol, harness: LiaisonHarness) async throws -> PortalSession {
        let id = try await harness.directory.upsert(
            email: "enqueteur@interieur.test",
            password: "correct horse battery",
            displayName: "Enquêteur de Lyon",
            force: "PN",
            unitCode: "PN-LYON-01",
            unitName: "Commissariat de Lyon"
        )
        let form = try await client.get("/fdo/connexion", as: nil)
        let csrfCookie = try #require(form.headers[.setCookie]?.split(separator: ";").first.map(String.init))
        let token = try #require(form.text.firstMatch(of: /name="csrfToken" value="([^"]+)"/)?.1)
        let body = "csrfToken=\(token)&email=ENQUETEUR%40interieur.test&password=correct+horse+battery"
        let signedIn = try await client.execute(
            uri: "/fdo/connexion",
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: csrfCookie],
            body: ByteBuffer(string: body)
        )
        #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/fdo")
        let session = try #require(
            signedIn.headers[values: .setCookie].first { $0.hasPrefix("mij-fdo-session=") }?.split(separator: ";").first
        )
        let home = try await client.execute(uri: "/fdo", method: .get, headers: [.cookie: String(session)])
        #expect(home.text.contains("Commissariat de Lyon"))
        let csrf = try #require(home.text.firstMatch(of: /name="csrfToken" value="([^"]+)"/)?.1)
        return PortalSession(id: id, cookie: String(session), csrfToken: String(csrf))
    }
}
