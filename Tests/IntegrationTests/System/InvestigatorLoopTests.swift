import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import TestSupport
import Testing

/// The investigators' loop across the five executables: a unit declares a door break with the occupant's e-mail,
/// the occupant is invited with the code, attaches it to their claim (confirmed by a code sent to that address)
/// and files; the rédacteur reads the declaration in the claim and asks the unit a question; the unit answers in
/// its space, where it reads the file the rédacteur joined; the answer appears in the claim and the rédacteur is told.
extension FiveProcessesTests {
    @Test func fromADeclarationToTheUnitsAnswerInTheClaim() async throws {
        let test = try await Self.migratedDatabase()
        let (processes, environment) = try await Self.startAll(test, logs: try Self.logDirectory())
        let byName = Dictionary(uniqueKeysWithValues: processes.map { ($0.name, $0) })
        let intake = try #require(byName["intake"]).baseURL
        let instruction = try #require(byName["instruction"]).baseURL
        let liaison = try #require(byName["liaison"]).baseURL
        let investigatorLine = try ServiceProcess.run("liaison", ["seed-demo"], environment: environment)
            .split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        let investigator = try await UnitBrowser.signIn(
            liaison,
            email: investigatorLine[1],
            password: investigatorLine[2]
        )
        let email = "occupant-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        let (declaration, code) = try await UnitBrowser.declare(liaison, as: investigator, occupantEmail: email)

        let noticeOffered = await eventually {
            try await SystemHTTP.get("\(liaison)\(declaration)", cookie: investigator).contains("\(declaration)/avis")
        }
        #expect(noticeOffered, "documents never rendered the notice")
        var download = HTTPClientRequest(url: "\(liaison)\(declaration)/avis")
        download.headers.add(name: "Cookie", value: investigator)
        let notice = try await HTTPClient.shared.execute(download, timeout: .seconds(10))
        let pdf = Data(buffer: try await notice.body.collect(upTo: 1 << 22))
        #expect(notice.status == .ok && notice.headers["content-type"].first == "application/pdf")
        let noticeText = try PDFTools.text(of: pdf).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(noticeText.contains(code) && noticeText.contains("/rattachement?code="), "the notice carries the code")

        let invited = await eventually {
            Maildir.decodedBodies(to: email).contains { $0.contains(code) && $0.contains("/rattachement?code=") }
        }
        #expect(invited, "the occupant was not invited")
        let known = await eventually { try await test.database.count("SELECT count(*) FROM intake.declaration") == 1 }
        #expect(known, "intake never received the declaration")
        let reference = try await SystemHTTP.submitForm(intake: intake, email: email, declarationCode: code)

        let accounts = try ServiceProcess.run("instruction", ["seed-demo"], environment: environment)
            .split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.filter { $0.count == 3 }
        let (claim, redacteur) = try await AgentBrowser.assignAndStart(reference, instruction, accounts: accounts)
        let file = try await SystemHTTP.get("\(instruction)\(claim)", cookie: redacteur)
        #expect(file.contains("Déclaration des enquêteurs") && file.contains("Brigade de recherches de Lyon"))
        let reportLink = try #require(file.firstMatch(of: /href="([^"]+\/pieces-enqueteurs\/[0-9a-f-]{36})"/)?.1)
        var report = HTTPClientRequest(url: "\(instruction)\(reportLink)")
        report.headers.add(name: "Cookie", value: redacteur)
        let reportResponse = try await HTTPClient.shared.execute(report, timeout: .seconds(10))
        #expect(reportResponse.status == .ok && reportResponse.headers["content-type"].first == "application/pdf")
        try await AgentBrowser.act(
            instruction,
            claim,
            "question-enqueteurs",
            as: redacteur,
            ["question": "La porte était-elle déjà abîmée ?", "echeance-question": ParisDay.offset(10)]
        )
        // The rédacteur joins a file to the question, straight to the documents service, in the question's folder.
        let asking = try await SystemHTTP.get("\(instruction)\(claim)", cookie: redacteur)
        let questionAction = try #require(asking.firstMatch(of: /action="(http[^"]+\/documents\/televersement)"/)?.1)
        let questionGrant = try #require(asking.firstMatch(of: /name="jeton" value="([^"]+)"/)?.1)
        let joined = try await SystemHTTP.upload(
            String(questionAction),
            grant: String(questionGrant),
            type: "piece_question_fdo",
            "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        )
        #expect(joined.contains("\(claim)?question=") && joined.hasSuffix("&depot=recu"), "refused: \(joined)")
        let listed = await eventually {
            try await SystemHTTP.get("\(instruction)\(claim)", cookie: redacteur)
                .contains(/\/questions\/[0-9a-f-]{36}\/pieces\/[0-9a-f-]{36}">piece_question_fdo.pdf/)
        }
        #expect(listed, "the file is not listed under the question")

        let asked = await eventually {
            try await SystemHTTP.get("\(liaison)/fdo", cookie: investigator).contains(reference)
        }
        #expect(asked, "the question did not reach the unit")
        let followed = await eventually {
            try await SystemHTTP.get("\(liaison)\(declaration)", cookie: investigator)
                .contains("Dossier \(reference) : En cours d’instruction")
        }
        #expect(followed, "the unit does not follow the claim its declaration started")
        let questionFileShown = await eventually {
            try await SystemHTTP.get("\(liaison)\(declaration)", cookie: investigator).contains(
                "piece_question_fdo.pdf"
            )
        }
        #expect(questionFileShown, "the unit does not see the file joined to the question")
        let page = try await SystemHTTP.get("\(liaison)\(declaration)", cookie: investigator)
        let questionFile = try #require(
            page.firstMatch(of: /href="(\/fdo\/questions\/[0-9a-f-]{36}\/pieces\/[0-9a-f-]{36})"/)?.1
        )
        var questionDownload = HTTPClientRequest(url: "\(liaison)\(questionFile)")
        questionDownload.headers.add(name: "Cookie", value: investigator)
        let questionFileResponse = try await HTTPClient.shared.execute(questionDownload, timeout: .seconds(10))
        #expect(questionFileResponse.status == .ok, "the unit cannot open the question's file")
        #expect(questionFileResponse.headers["content-type"].first == "application/pdf")
        let answerPath = try #require(page.firstMatch(of: /action="(\/fdo\/questions\/[0-9a-f-]{36})"/)?.1)
        let token = try #require(page.firstMatch(of: /name="csrfToken" value="([^"]+)"/)?.1)
        _ = try await SystemHTTP.post(
            "\(liaison)\(answerPath)",
            cookie: investigator,
            ["reponse": "Non, elle était intacte avant l’opération.", "csrfToken": String(token)],
            expecting: .seeOther
        )

        // A photo added after submission, to support the answer, reaches the claim too.
        let submittedPage = try await SystemHTTP.get("\(liaison)\(declaration)", cookie: investigator)
        let photoAction = try #require(
            submittedPage.firstMatch(of: /action="(http[^"]+\/documents\/televersement)"/)?.1
        )
        let photoGrant = try #require(submittedPage.firstMatch(of: /name="jeton" value="([^"]+)"/)?.1)
        let photos = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        let uploaded = try await SystemHTTP.upload(
            String(photoAction),
            grant: String(photoGrant),
            type: "photo_fdo",
            photos
        )
        #expect(uploaded.hasSuffix("depot=recu"), "the photos were refused: \(uploaded)")

        let answered = await eventually {
            try await SystemHTTP.get("\(instruction)\(claim)", cookie: redacteur)
                .contains("Non, elle était intacte avant l’opération.")
        }
        #expect(answered, "the answer is not in the claim")
        let photoShown = await eventually {
            try await SystemHTTP.get("\(instruction)\(claim)", cookie: redacteur).contains("Photographies des dégâts")
        }
        #expect(photoShown, "the photo added after submission is not in the claim")
        let redacteurEmail = try #require(accounts.first { $0[1].hasPrefix("redacteur@") })[1]
        let told = await eventually {
            Maildir.decodedBodies(to: redacteurEmail).contains {
                $0.contains(reference) && $0.contains("unité d’enquête a répondu")
            }
        }
        #expect(told, "the rédacteur was not told of the answer")
        for process in processes {
            let status = await process.stop()
            #expect(status == 0, "\(process.name) did not stop cleanly:\n\(process.output)")
            for personal in [email, "Bernard", "12 rue Garibaldi", "Brigade de recherches"] {
                #expect(!process.output.contains(personal), "\(process.name) logged personal data")
            }
        }
        try await test.database.drop()
    }
}

/// An investigator's browser on the units' portal.
enum UnitBrowser {
    static func signIn(_ liaison: String, email: String, password: String) async throws -> String {
        let (cookie, token) = try await SystemHTTP.csrf(from: "\(liaison)/fdo/connexion")
        let response = try await SystemHTTP.post(
            "\(liaison)/fdo/connexion",
            cookie: cookie,
            ["email": email, "password": password, "csrfToken": token],
            expecting: .seeOther
        )
        return try #require(response.headers["set-cookie"].first?.split(separator: ";").first.map(String.init))
    }

    /// Declares through the three steps and submits; the declaration's path and the occupant's code (`ABCD-EFGH`).
    static func declare(_ liaison: String, as session: String, occupantEmail: String) async throws
        -> (path: String, code: String)
    {
        let (_, token) = try await SystemHTTP.csrf(from: "\(liaison)/fdo", cookie: session)
        let started = try await SystemHTTP.post(
            "\(liaison)/fdo/declarations",
            cookie: session,
            ["csrfToken": token],
            expecting: .seeOther
        )
        let first = try #require(started.headers["location"].first)
        let path = String(first.dropLast("/faits".count))
        let steps: [(String, [String: String])] = [
            (
                "faits",
                [
                    "erreur": "oui", "description": "Porte palière enfoncée ; le logement visé était au 3e étage.",
                    "dateOperation": ParisDay.offset(-2), "adresse": "12 rue Garibaldi", "codePostal": "69006",
                    "commune": "Lyon",
                ]
            ),
            (
                "procedure",
                [
                    "serviceEnqueteur": "Brigade de recherches de Lyon", "telephoneService": "04 78 00 00 00",
                    "numeroProcedure": "2026-000123",
                ]
            ),
            (
                "occupant",
                [
                    "occupantConnu": "oui", "civilite": "madame", "nom": "Bernard", "prenom": "Lucie",
                    "courriel": occupantEmail,
                ]
            ),
        ]
        for (step, fields) in steps {
            _ = try await SystemHTTP.post(
                "\(liaison)\(path)/\(step)",
                cookie: session,
                fields.merging(["csrfToken": token, "suite": "continuer"]) { $1 },
                expecting: .seeOther
            )
        }
        // The intervention report goes to the documents service, which scans it and tells liaison.
        let recap = try await SystemHTTP.get("\(liaison)\(path)", cookie: session)
        let action = try #require(recap.firstMatch(of: /action="(http[^"]+\/documents\/televersement)"/)?.1)
        let grant = try #require(recap.firstMatch(of: /name="jeton" value="([^"]+)"/)?.1)
        let pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        let back = try await SystemHTTP.upload(String(action), grant: String(grant), type: "pv_fdo", pdf)
        #expect(back.hasSuffix("\(path)?depot=recu"), "back to the declaration: \(back)")
        let attached = await eventually {
            try await SystemHTTP.get("\(liaison)\(path)", cookie: session).contains("\(path)/pieces/")
        }
        #expect(attached, "the report is not listed on the declaration")
        _ = try await SystemHTTP.post(
            "\(liaison)\(path)/transmission",
            cookie: session,
            ["csrfToken": token],
            expecting: .seeOther
        )
        let page = try await SystemHTTP.get("\(liaison)\(path)", cookie: session)
        let code = try #require(page.firstMatch(of: /([A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4})/)?.1)
        return (path, String(code))
    }
}
