import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PostgresNIO
import TestSupport
import Testing

/// The request-for-information loop across the five executables: an attributeur assigns a filed claim, the
/// rédacteur starts and asks for a document, the claimant is told by e-mail, uploads it to documents and answers
/// from the claim's page, and the rédacteur is told and sees it on the claim. Then the offer: drafted, signed by a
/// validator, read and accepted online by the claimant, and back to the rédacteur to verify.
extension FiveProcessesTests {
    @Test func fromAQuestionToTheClaimantToTheTransferOfTheAcceptedOffer() async throws {
        let test = try await Self.migratedDatabase()
        let (processes, environment) = try await Self.startAll(test, logs: try Self.logDirectory())
        let byName = Dictionary(uniqueKeysWithValues: processes.map { ($0.name, $0) })
        let (intake, instruction) = (
            try #require(byName["intake"]).baseURL, try #require(byName["instruction"]).baseURL
        )
        let accounts = try Self.seedAgents(environment)
        @Sendable func agent(_ name: String) throws -> (email: String, password: String) {
            let line = try #require(accounts.first { $0[1] == "\(name)@agents.mij.test" })
            return (line[1], line[2])
        }
        let email = "loop-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        let reference = try await SystemHTTP.submitForm(intake: intake, email: email)
        let (claim, redacteur) = try await AgentBrowser.assignAndStart(reference, instruction, accounts: accounts)
        let due = ParisDay.offset(21)
        try await AgentBrowser.act(
            instruction,
            claim,
            "complement",
            as: redacteur,
            ["pieces": "facture", "message": "La facture est illisible.", "echeance": due]
        )

        let asked = await eventually {
            Maildir.decodedBodies(to: email).contains { $0.contains("La facture est illisible.") }
        }
        #expect(asked, "the claimant was not asked by e-mail")
        let (claimantPage, session) = try await SystemHTTP.signedInClaimPage(intake: intake, email: email)
        #expect(claimantPage.contains("Le bureau vous demande un complément"))
        #expect(claimantPage.contains("En cours d’examen"), "instruction-started moved the claimant's status")
        let action = try #require(claimantPage.firstMatch(of: /action="(http[^"]+\/documents\/televersement)"/)?.1)
        let grant = try #require(claimantPage.firstMatch(of: /name="jeton" value="([^"]+)"/)?.1)
        let pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        let infected = try await SystemHTTP.upload(
            String(action),
            grant: String(grant),
            type: "facture",
            pdf + "% CLAIMS-AV-TEST-MARKER\n"
        )
        #expect(infected.contains("?depot=virus"), "an infected answer is refused: \(infected)")
        let back = try await SystemHTTP.upload(String(action), grant: String(grant), type: "facture", pdf)
        #expect(back.contains("?depot=recu") && back.contains("/demandes/"), "back to the claim's page: \(back)")
        // The refusal is routed to intake (no longer unroutable at documents' outbox) and kept in the history.
        let refusalKept = await eventually {
            try await SystemHTTP.signedInClaimPage(intake: intake, email: email).page
                .contains("Fichier refusé : l’analyse antivirus y a détecté un contenu malveillant")
        }
        #expect(refusalKept, "the refused file is not in the claim's history")
        let answerPath = try #require(
            claimantPage.firstMatch(of: /action="(\/demandes\/[0-9a-f-]{36}\/complements\/[0-9a-f-]{36})"/)?.1
        )
        let token = try #require(claimantPage.firstMatch(of: /name="csrfToken" value="([^"]+)"/)?.1)
        var answered = false
        // The upload reaches intake through documents' event: the answer is accepted once intake lists it.
        for _ in 0..<40 where !answered {
            let response = try await SystemHTTP.post(
                "\(intake)\(answerPath)",
                cookie: session,
                ["csrfToken": String(token), "message": "Voici une copie lisible."],
                expecting: nil
            )
            answered = response.status == .seeOther
            if !answered { try await Task.sleep(for: .milliseconds(250)) }
        }
        #expect(answered, "the claimant could not answer")

        let seen = await eventually {
            let file = try await SystemHTTP.get("\(instruction)\(claim)", cookie: redacteur)
            return file.contains("Complément envoyé par le requérant") && file.contains("Voici une copie lisible.")
        }
        let finalPage = try await SystemHTTP.get("\(instruction)\(claim)", cookie: redacteur)
        #expect(seen, "the answer is not on the agents' claim page: \(finalPage)")
        let told = await eventually {
            Maildir.decodedBodies(to: try agent("redacteur").email).contains {
                $0.contains(reference) && $0.contains("a répondu à votre demande de complément")
            }
        }
        #expect(told, "the rédacteur was not told")
        let validateur = try await AgentBrowser.signIn(instruction, try agent("validateur"))
        try await Self.offerIsSignedAndAccepted(
            intake: intake,
            instruction: instruction,
            claim: claim,
            email: email,
            reference: reference,
            redacteur: redacteur,
            validateur: validateur
        )
        try await Self.paymentIsMade(
            intake: intake,
            instruction: instruction,
            claim: claim,
            email: email,
            reference: reference,
            redacteur: redacteur,
            redacteurEmail: try agent("redacteur").email,
            validateur: validateur,
            budget: try await AgentBrowser.signIn(instruction, try agent("liaison-budget")),
            database: test.database
        )
        for process in processes {
            let status = await process.stop()
            #expect(status == 0, "\(process.name) did not stop cleanly:\n\(process.output)")
            // The whole journey, offer, bank details and payment included: no name, address, e-mail or IBAN logged.
            for personal in [email, "Élodie", "Martin", "rue des Lilas", "FR76", "3000 6000", "BNPAFRPP"] {
                #expect(!process.output.contains(personal), "\(process.name) logged \(personal)")
            }
        }
        try await test.database.drop()
    }

    private static func offerIsSignedAndAccepted(
        intake: String,
        instruction: String,
        claim: String,
        email: String,
        reference: String,
        redacteur: String,
        validateur: String
    ) async throws {
        try await AgentBrowser.act(
            instruction,
            claim,
            "proposition",
            as: redacteur,
            ["libelle-1": "Porte", "montant-1": "1 250,50"]
        )
        let toSign = await eventually {
            Maildir.decodedBodies(to: "validateur-2@agents.mij.test").contains {
                $0.contains(reference) && $0.contains("proposition d’indemnisation du dossier")
            }
        }
        #expect(toSign, "the validators were not told of the offer to sign")
        try await AgentBrowser.act(instruction, claim, "signature", as: validateur)
        let offered = await eventually {
            try await SystemHTTP.claimPage(intake: intake, email: email, reference: reference)
                .contains("Accepter la proposition")
        }
        #expect(offered, "the offer is not on the claimant's page")
        let (page, session) = try await SystemHTTP.signedInClaimPage(intake: intake, email: email)
        #expect(page.contains("mille deux cent cinquante euros et cinquante centimes"))
        let mailed = await eventually {
            Maildir.decodedBodies(to: email).contains { $0.contains("vous fait une proposition d'indemnisation") }
        }
        #expect(mailed, "the claimant was not told of the offer")
        // The signed letter, rendered by documents, downloads from the claim's page with its seal.
        var letter: (pdf: Data, contentDisposition: String)?
        for _ in 0..<40 where letter == nil {
            letter = try await SystemHTTP.issued("Décision", intake: intake, email: email)
            if letter == nil { try await Task.sleep(for: .milliseconds(500)) }
        }
        let text = try PDFTools.text(of: try #require(letter, "no signed letter on the claim page").pdf)
        let seal = try #require(
            page.firstMatch(of: /Sceau du document : <span class="fr-text--xs">([0-9a-f]{64})/)?.1,
            "the claim page shows the seal"
        )
        #expect(text.contains(reference) && text.contains("mille deux cent cinquante euros et cinquante centimes"))
        #expect(text.filter { !$0.isWhitespace }.contains(seal), "the PDF carries the seal of the signature")
        let accept = try #require(
            page.firstMatch(of: /action="(\/demandes\/[0-9a-f-]{36}\/proposition\/acceptation)"/)?.1
        )
        let token = try #require(page.firstMatch(of: /name="csrfToken" value="([^"]+)"/)?.1)
        _ = try await SystemHTTP.post(
            "\(intake)\(accept)",
            cookie: session,
            ["csrfToken": String(token)],
            expecting: .unprocessableEntity
        )
        _ = try await SystemHTTP.post(
            "\(intake)\(accept)",
            cookie: session,
            ["csrfToken": String(token), "consentement": "oui"],
            expecting: .seeOther
        )
        var acceptance: (pdf: Data, contentDisposition: String)?
        for _ in 0..<40 where acceptance == nil {
            acceptance = try await SystemHTTP.issued("Acceptation", intake: intake, email: email)
            if acceptance == nil { try await Task.sleep(for: .milliseconds(500)) }
        }
        let accepted = try PDFTools.text(of: try #require(acceptance, "no acceptance on the claim page").pdf)
        #expect(accepted.contains("renonce à toute autre action") && accepted.contains("se termine par 0189"))
        let toVerify = await eventually {
            try await SystemHTTP.get("\(instruction)\(claim)", cookie: redacteur).contains("Acceptation à vérifier")
        }
        #expect(toVerify, "the acceptance did not reach instruction")
    }

    /// T10–T13: the rédacteur verifies and drafts the order, another agent signs it, the budget liaison exports the
    /// hand-off (the full IBAN, opened from what intake sealed), transmits it and records the transfer.
    private static func paymentIsMade(
        intake: String,
        instruction: String,
        claim: String,
        email: String,
        reference: String,
        redacteur: String,
        redacteurEmail: String,
        validateur: String,
        budget: String,
        database: TestDatabase
    ) async throws {
        try await AgentBrowser.act(instruction, claim, "verification", as: redacteur)
        let order = try await SystemHTTP.get("\(instruction)\(claim)", cookie: redacteur)
        #expect(order.contains("IBAN FR76 3000 6000 0112 3456 7890 189") && order.contains("loi de finances pour"))
        try await AgentBrowser.act(instruction, claim, "signature-arrete", as: validateur)
        let orderPDF = await eventually {
            try await SystemHTTP.get("\(instruction)\(claim)", cookie: budget).contains("Arrêté signé (PDF)")
        }
        #expect(orderPDF, "the signed payment order's PDF is not linked on the claim page")
        let told = await eventually {
            Maildir.decodedBodies(to: redacteurEmail).contains { $0.contains("vous pouvez le transmettre") }
        }
        #expect(told, "the rédacteur was not told the order is signed")
        let export = try await SystemHTTP.get("\(instruction)\(claim)/virement", cookie: budget)
        #expect(export.contains("\"iban\":\"FR7630006000011234567890189\"") && export.contains(reference))
        try await AgentBrowser.act(instruction, claim, "transmission", as: budget)
        try await AgentBrowser.act(instruction, claim, "paiement", as: budget, ["date-paiement": ParisDay.offset(0)])
        let (_, session) = try await SystemHTTP.signedInClaimPage(intake: intake, email: email)
        let paid = await eventually(timeout: .seconds(60)) {
            try await SystemHTTP.get("\(intake)/mon-espace", cookie: session).contains("Indemnisée")
        }
        let trail = try await database.inspect { client in
            let rows = try await client.query(
                """
                SELECT c.status || ' ' || string_agg(t.kind, ',' ORDER BY t.occurred_at, t.id)
                FROM intake.claim c JOIN intake.claim_timeline_entry t ON t.claim_id = c.id
                WHERE c.reference = \(reference) GROUP BY c.status
                """,
                logger: TestDatabase.logger
            )
            var trail = ""
            for try await line in rows.decode(String.self) { trail = line }
            return trail
        }
        #expect(paid, "the claimant's space does not say paid: \(trail)")
        let paidMail = await eventually {
            Maildir.decodedBodies(to: email).contains { $0.contains("a été versée par virement") }
        }
        #expect(paidMail, "the claimant was not told of the transfer")
    }
}
/// An agent's browser on the back office.
enum AgentBrowser {
    /// Signs in with a local account; the session cookie (`name=value`).
    static func signIn(_ instruction: String, _ account: (email: String, password: String)) async throws -> String {
        let (cookie, token) = try await SystemHTTP.csrf(from: "\(instruction)/agents/connexion")
        let response = try await SystemHTTP.post(
            "\(instruction)/agents/connexion",
            cookie: cookie,
            ["email": account.email, "password": account.password, "csrfToken": token],
            expecting: .seeOther
        )
        return try #require(response.headers["set-cookie"].first?.split(separator: ";").first.map(String.init))
    }

    /// The attributeur finds the claim once it reached the back office (told by e-mail), assigns it to the demo
    /// rédacteur, who starts instruction; the claim's path and the rédacteur's session.
    static func assignAndStart(_ reference: String, _ instruction: String, accounts: [[String]]) async throws
        -> (claim: String, redacteur: String)
    {
        @Sendable func agent(_ name: String) throws -> (email: String, password: String) {
            let line = try #require(accounts.first { $0[1] == "\(name)@agents.mij.test" })
            return (line[1], line[2])
        }
        let attributeur = try await AgentBrowser.signIn(instruction, try agent("attributeur"))
        @Sendable func listed() async throws -> String? {
            let list = try await SystemHTTP.get("\(instruction)/agents/dossiers?q=\(reference)", cookie: attributeur)
            return list.firstMatch(of: /href="(\/agents\/dossiers\/[0-9a-f-]{36})">BRI/).map { String($0.1) }
        }
        _ = await eventually { try await listed() != nil }
        let claim = try #require(try await listed(), "the claim never reached the agents' list")
        let toAssign = await eventually {
            Maildir.decodedBodies(to: try agent("attributeur").email).contains {
                $0.contains(reference) && $0.contains("attend d’être attribué")
            }
        }
        #expect(toAssign, "the attributeur was not told of the new claim")
        let page = try await SystemHTTP.get("\(instruction)\(claim)", cookie: attributeur)
        let redacteurId = try #require(
            page.firstMatch(of: /<option value="([0-9A-F-]{36})">Agent rédacteur<\/option>/)?.1
        )
        try await AgentBrowser.act(
            instruction,
            claim,
            "attribution",
            as: attributeur,
            ["redacteur": String(redacteurId)]
        )

        let redacteur = try await AgentBrowser.signIn(instruction, try agent("redacteur"))
        try await AgentBrowser.act(instruction, claim, "instruction", as: redacteur)
        return (claim, redacteur)
    }

    /// Submits one of the claim page's action forms with the page's CSRF token; expects the 303 back to the claim.
    static func act(
        _ instruction: String,
        _ claim: String,
        _ action: String,
        as session: String,
        _ fields: [String: String] = [:]
    ) async throws {
        let (_, token) = try await SystemHTTP.csrf(from: "\(instruction)\(claim)", cookie: session)
        _ = try await SystemHTTP.post(
            "\(instruction)\(claim)/\(action)",
            cookie: session,
            fields.merging(["csrfToken": token]) { $1 },
            expecting: .seeOther
        )
    }
}
