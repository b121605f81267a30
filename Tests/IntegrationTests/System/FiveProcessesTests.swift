import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import TestSupport
import Testing

@testable import Intake

/// The five real executables as separate processes against real PostgreSQL, RabbitMQ and SMTP sink.
@Suite(.enabled(if: TestEnvironment.serversAvailable && TestEnvironment.maildir != nil))
struct FiveProcessesTests {
    static let all = ["intake", "documents", "instruction", "liaison", "notification"]

    /// A fresh database migrated by each executable's own `migrate` command.
    static func migratedDatabase() async throws -> TestServices {
        let test = TestServices(database: try await TestDatabase.create(migrations: [:]))
        for name in all {
            _ = try ServiceProcess.run(name, ["migrate"], environment: test.environment())
        }
        return test
    }

    /// Starts the five executables on `test`'s database and waits until each is ready; intake and documents get
    /// fixed ports, being two origins without the gateway: upload forms post to documents, which sends the browser
    /// back to intake's public URL.
    static func startAll(_ test: TestServices, logs: URL) async throws -> ([ServiceProcess], [String: String]) {
        let (intakePort, documentsPort) = (try ServiceProcess.freePort(), try ServiceProcess.freePort())
        let environment = test.environment([
            "DOCUMENTS_STORAGE_PATH": logs.appendingPathComponent("blobs").path,
            "PUBLIC_BASE_URL": "http://127.0.0.1:\(intakePort)",
            "DOCUMENTS_PUBLIC_URL": "http://127.0.0.1:\(documentsPort)",
        ])
        let ports = ["intake": intakePort, "documents": documentsPort]
        let processes = try all.map {
            try ServiceProcess($0, environment: environment, logDirectory: logs, port: ports[$0])
        }
        for process in processes {
            let ready = await process.waitUntilReady()
            #expect(ready, "\(process.name) not ready:\n\(process.output)")
        }
        return (processes, environment)
    }

    /// Seeds one agent per role with instruction's own command; their lines (`agent`, e-mail, password).
    static func seedAgents(_ environment: [String: String]) throws -> [[String]] {
        try ServiceProcess.run("instruction", ["seed-demo"], environment: environment)
            .split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.filter { $0.count == 3 }
    }

    static func logDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mij-system-\(UUID().uuidString.prefix(8))"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func aClaimSubmittedOnIntakeReachesTheAgentsListAndTheClaimantsMailbox() async throws {
        let test = try await Self.migratedDatabase()
        let logs = try Self.logDirectory()
        let (processes, environment) = try await Self.startAll(test, logs: logs)
        let byName = Dictionary(uniqueKeysWithValues: processes.map { ($0.name, $0) })
        let seeded = try ServiceProcess.run("instruction", ["seed-demo"], environment: environment)
        let agent = try #require(
            seeded.split(separator: "\n").first { $0.contains("redacteur@") }?.split(separator: " ")
        )
        let credentials = Data("\(agent[1]):\(agent[2])".utf8).base64EncodedString()

        let intake = try #require(byName["intake"])
        let formEmail = "form-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        // Filed against an ineligible outcome of the eligibility test: the claim records it.
        let formReference = try await SystemHTTP.submitForm(
            intake: intake.baseURL,
            email: formEmail,
            eligibility: ["statut": "proprietaire-occupant", "vise": "oui"]
        )
        let apiEmail = "api-\(UUID().uuidString.prefix(8))@example.org"
        let apiReference = try await SystemHTTP.submitJSON(intake: intake.baseURL, email: apiEmail)

        let instruction = try #require(byName["instruction"])
        let listed = await eventually {
            let list = try await SystemHTTP.get(
                "\(instruction.baseURL)/agents/api/dossiers",
                authorization: "Basic \(credentials)"
            )
            return list.contains(formReference) && list.contains(apiReference)
        }
        #expect(listed, "claims not in the agents' list")
        let unauthenticated = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: "\(instruction.baseURL)/agents/api/dossiers"),
            timeout: .seconds(5)
        )
        #expect(unauthenticated.status == .unauthorized)

        for (email, reference) in [(formEmail, formReference), (apiEmail, apiReference)] {
            let mailed = await eventually { Maildir.decodedBodies(to: email).contains { $0.contains(reference) } }
            #expect(mailed, "no acknowledgement e-mail for \(reference)")
        }
        // The claim's page shows the acknowledgement in its history once notification reported it.
        let acknowledged = await eventually {
            try await SystemHTTP.claimPage(intake: intake.baseURL, email: formEmail, reference: formReference)
                .contains("Accusé de réception envoyé par courriel")
        }
        #expect(acknowledged, "the acknowledgement is not in the claim's history")
        // The receipt, rendered by documents, is listed on the claim page and downloads through intake's link.
        var receipt: (pdf: Data, contentDisposition: String)?
        for _ in 0..<40 where receipt == nil {
            receipt = try await SystemHTTP.issued("Récépissé", intake: intake.baseURL, email: formEmail)
            if receipt == nil { try await Task.sleep(for: .milliseconds(500)) }
        }
        let downloaded = try #require(receipt, "no receipt on the claim page")
        let text = try PDFTools.text(of: downloaded.pdf)
        #expect(text.contains(formReference) && text.contains("Facture acquittée") && text.contains("facture.pdf"))
        #expect(downloaded.contentDisposition.hasPrefix("attachment;"))
        let recorded = try await test.database.count(
            "SELECT count(*) FROM intake.claim WHERE reference = '\(formReference)' AND eligibility_outcome = 'ineligible-targeted'"
        )
        #expect(recorded == 1)
        // Bank details are sealed by the service: the IBAN is nowhere in clear, only its last four characters.
        let sealed = try await test.database.count(
            "SELECT count(*) FROM intake.claim WHERE iban_suffix = '0189' AND position('FR76' in encode(bank_details_sealed, 'escape')) = 0"
        )
        #expect(sealed == 2)
        let documents =
            "SELECT count(*) FROM documents.document WHERE origin = 'upload' AND scan_status = 'clean' AND deleted_at IS NULL"
        #expect(
            try await test.database.count(documents)
                == ClaimForm(fields: ClaimFixtures.formJSON()).requiredDocuments.count
        )
        let withdrawn = "SELECT count(*) FROM documents.document WHERE deleted_at IS NOT NULL"
        #expect(try await test.database.count(withdrawn) == 1, "the withdrawn upload was deleted by documents")
        let metrics = try await SystemHTTP.get("\(try #require(byName["notification"]).baseURL)/metrics")
        // Two acknowledgements, one account activation e-mail and two claims to assign (no attributeur to tell yet).
        #expect(metrics.contains("messages_processed_total{service=\"notification\"} 5"))
        for process in processes {
            let status = await process.stop()
            #expect(status == 0, "\(process.name) did not stop cleanly:\n\(process.output)")
            // Logs carry identifiers only: no e-mail address, name or street of the claimant.
            for personal in [formEmail, apiEmail, "Martin", "rue des Lilas", "FR76", "3000 6000", "BNPAFRPP"] {
                #expect(!process.output.contains(personal), "\(process.name) logged personal data")
            }
        }
        try await test.database.drop()
    }

    @Test func aConsumerKilledBeforeItsAckRedeliversAndAppliesOnce() async throws {
        let test = try await Self.migratedDatabase()
        let logs = try Self.logDirectory()
        let intake = try ServiceProcess("intake", environment: test.environment(), logDirectory: logs)
        // Crashes (SIGKILL) right after committing its third message, before acknowledging it.
        let doomed = try ServiceProcess(
            "instruction",
            environment: test.environment(["FAULT_POINT": "consumer.after_commit_before_ack:3"]),
            logDirectory: logs
        )
        #expect(await intake.waitUntilReady())
        for _ in 0..<10 {
            _ = try await SystemHTTP.submitJSON(
                intake: intake.baseURL,
                email: "kill-\(UUID().uuidString.prefix(8))@example.org"
            )
        }
        #expect(await eventually { !doomed.isRunning }, "the fault point never fired")
        #expect(await doomed.terminatingSignal() == SIGKILL, "instruction ended otherwise:\n\(doomed.output)")
        let restarted = try ServiceProcess("instruction", environment: test.environment(), logDirectory: logs)
        #expect(await eventually { try await test.database.count("SELECT count(*) FROM instruction.claim") == 10 })
        try await Task.sleep(for: .seconds(1))
        #expect(try await test.database.count("SELECT count(*) FROM instruction.claim") == 10)
        #expect(try await test.database.count("SELECT count(*) FROM instruction.inbox") == 10)
        await restarted.stop()
        await intake.stop()
        try await test.database.drop()
    }

}

/// Small HTTP helpers for the system tests.
enum SystemHTTP {
    struct UnexpectedStatus: Error, CustomStringConvertible {
        var description: String
    }

    static func get(_ url: String, authorization: String? = nil, cookie: String? = nil) async throws -> String {
        var request = HTTPClientRequest(url: url)
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .ok else { throw UnexpectedStatus(description: "GET \(url): \(response.status)") }
        return String(buffer: body)
    }

    private static let password = "une phrase de passe assez longue"

    /// Files a claim as a person would: creates an account, activates it from the e-mail notification sent,
    /// signs in, starts a draft with the eligibility answers, fills each step and submits it.
    /// Creates and activates an account, fills and submits a claim with its documents; the claim's reference. With
    /// `declarationCode`, the investigators' declaration is attached first, confirmed with the code e-mailed to the
    /// declared occupant (the same address).
    static func submitForm(
        intake: String,
        email: String,
        eligibility: [String: String] = [:],
        declarationCode: String? = nil
    ) async throws -> String {
        let (csrfCookie, csrfToken) = try await csrf(from: "\(intake)/compte/creer")
        _ = try await post(
            "\(intake)/compte/creer",
            cookie: csrfCookie,
            ["email": email, "password": password, "passwordConfirmation": password, "csrfToken": csrfToken]
        )
        @Sendable func activationLink() -> String? {
            Maildir.decodedBodies(to: email).lazy.compactMap {
                $0.firstMatch(of: /\/compte\/activation\/[A-Za-z0-9_-]{43}/)
            }.first
                .map { String($0.0) }
        }
        _ = await eventually { activationLink() != nil }
        let activation = try #require(activationLink(), "no activation e-mail")
        _ = try await post("\(intake)\(activation)", cookie: csrfCookie, ["csrfToken": csrfToken], expecting: .ok)
        let session = try await signIn(intake: intake, email: email, csrfCookie: csrfCookie, csrfToken: csrfToken)
        let query = eligibility.map { "\($0.key)=\(percentEncoded($0.value))" }.joined(separator: "&")
        let (_, sessionToken) = try await csrf(from: "\(intake)/demandes/nouvelle?\(query)", cookie: session)
        let started = try await post(
            "\(intake)/demandes",
            cookie: session,
            eligibility.merging(["csrfToken": sessionToken]) { _, token in token },
            expecting: .seeOther
        )
        let claim = try #require(started.headers["location"].first?.firstMatch(of: /^\/demandes\/[0-9a-f-]{36}/)?.0)
        if let declarationCode {
            try await attach(declarationCode, intake: intake, email: email, session: session, token: sessionToken)
        }
        let answers = ClaimFixtures.formJSON(email: email)
        for step in ["demandeur", "identite", "logement", "faits", "montant", "coordonnees-bancaires"] {
            let stepPage = try await get("\(intake)\(claim)/\(step)", cookie: session)
            // The step's own inputs, read from the page: what a person's browser would post.
            let names = Set(stepPage.matches(of: /name="([A-Za-z]+)"/).map { String($0.1) })
            var fields = answers.filter { names.contains($0.key) }
            fields["csrfToken"] = sessionToken
            _ = try await post("\(intake)\(claim)/\(step)", cookie: session, fields, expecting: .seeOther)
        }
        try await uploadDocuments(
            intake: intake,
            claim: String(claim),
            session: session,
            token: sessionToken,
            attached: declarationCode != nil
        )
        _ = try await post(
            "\(intake)\(claim)/depot",
            cookie: session,
            ["csrfToken": sessionToken],
            expecting: .seeOther
        )
        let page = try await get("\(intake)\(claim)", cookie: session)
        guard let reference = page.firstMatch(of: /BRI-\d{8}-\d{4,}/) else {
            throw UnexpectedStatus(description: "no reference")
        }
        return String(reference.0)
    }

    /// The page of a claim as its owner sees it (signs in again).
    static func claimPage(intake: String, email: String, reference: String) async throws -> String {
        try await signedInClaimPage(intake: intake, email: email).page
    }

    /// A document the office issued (the receipt, a signed letter) as the claimant's browser downloads it: the claim
    /// page's link whose file name starts with `name`, which intake turns into a short grant at the documents
    /// service. Nil while the claim page does not list it yet.
    static func issued(_ name: String, intake: String, email: String) async throws
        -> (pdf: Data, contentDisposition: String)?
    {
        let (page, session) = try await signedInClaimPage(intake: intake, email: email)
        let pattern = try Regex(
            #"href="(/demandes/[0-9a-f-]{36}/fichiers/[0-9a-f-]{36})">"# + name,
            as: (Substring, Substring).self
        )
        guard let link = page.firstMatch(of: pattern)?.1 else { return nil }
        var request = HTTPClientRequest(url: "\(intake)\(link)")
        request.headers.add(name: "Cookie", value: session)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 22)
        guard response.status == .ok else { throw UnexpectedStatus(description: "receipt: \(response.status)") }
        return (Data(buffer: body), response.headers["content-disposition"].first ?? "")
    }

    /// Signs in with the test password; the session cookie (`name=value`).
    static func signIn(intake: String, email: String, csrfCookie: String, csrfToken: String) async throws
        -> String
    {
        let signedIn = try await post(
            "\(intake)/connexion",
            cookie: csrfCookie,
            ["email": email, "password": password, "csrfToken": csrfToken],
            expecting: .seeOther
        )
        return try #require(signedIn.headers["set-cookie"].first?.split(separator: ";").first.map(String.init))
    }

    static func signedInClaimPage(intake: String, email: String) async throws -> (page: String, session: String) {
        let (csrfCookie, csrfToken) = try await csrf(from: "\(intake)/connexion")
        let session = try await signIn(intake: intake, email: email, csrfCookie: csrfCookie, csrfToken: csrfToken)
        let claims = try await get("\(intake)/mon-espace", cookie: session)
        let link = try #require(claims.firstMatch(of: /href="(\/demandes\/[0-9a-f-]{36})">/)?.1)
        return (try await get("\(intake)\(link)", cookie: session), session)
    }

    /// Sends the claim's required documents through the documents service as a browser would (one withdrawn and
    /// sent again, one infected file refused), then waits until intake lists them all.
    /// Types the declaration's code, then the confirmation code from the e-mail, as the claimant would.
    private static func attach(_ code: String, intake: String, email: String, session: String, token: String)
        async throws
    {
        let asked = try await post(
            "\(intake)/rattachement",
            cookie: session,
            ["code": code, "csrfToken": token],
            expecting: .seeOther
        )
        let confirmation = try #require(asked.headers["location"].first)
        @Sendable func sentCode() -> String? {
            Maildir.decodedBodies(to: email).lazy.compactMap { $0.firstMatch(of: /code de confirmation :\s+(\d{6})/) }
                .first.map { String($0.1) }
        }
        _ = await eventually { sentCode() != nil }
        let sent = try #require(sentCode(), "no confirmation e-mail")
        let attached = try await post(
            "\(intake)\(confirmation)",
            cookie: session,
            ["confirmation": sent, "csrfToken": token],
            expecting: .seeOther
        )
        #expect(attached.headers["location"].first?.hasPrefix("/demandes/") == true)
    }

    private static func uploadDocuments(
        intake: String,
        claim: String,
        session: String,
        token: String,
        attached: Bool
    ) async throws {
        var filled = ClaimForm(fields: ClaimFixtures.formJSON())
        // An attached declaration stands for the police attestation.
        filled.declarationId = attached ? UUID() : nil
        let form = filled
        let page = try await get("\(intake)\(claim)/pieces", cookie: session)
        let action = try #require(page.firstMatch(of: /action="(http[^"]+\/documents\/televersement)"/)?.1)
        let grant = try #require(page.firstMatch(of: /name="jeton" value="([^"]+)"/)?.1)
        let pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        let infected = try await upload(
            String(action),
            grant: String(grant),
            type: "facture",
            pdf + "% CLAIMS-AV-TEST-MARKER\n"
        )
        #expect(infected.hasPrefix("\(intake)\(claim)/pieces?depot=virus"), "an infected file is refused: \(infected)")
        for type in form.requiredDocuments + [.invoice] {
            let back = try await upload(String(action), grant: String(grant), type: type.rawValue, pdf)
            #expect(back.hasSuffix("depot=recu"), "\(type.rawValue): \(back)")
        }
        // The second invoice is withdrawn: intake asks documents to delete it.
        let listed = await eventually {
            try await get("\(intake)\(claim)/pieces", cookie: session).matches(of: /\/retrait\/[0-9a-f-]{36}/).count
                == form.requiredDocuments.count + 1
        }
        #expect(listed, "intake does not list the uploads")
        let listing = try await get("\(intake)\(claim)/pieces", cookie: session)
        let invoices = try #require(listing.firstRange(of: "id=\"titre-facture\"").map { listing[$0.lowerBound...] })
        let invoiceSection = invoices.prefix(
            upTo: invoices.firstRange(of: "</section>")?.lowerBound ?? invoices.endIndex
        )
        let withdrawal = try #require(
            invoiceSection.matches(of: /\/demandes\/[0-9a-f-]{36}\/retrait\/[0-9a-f-]{36}/).last?.0
        )
        _ = try await post("\(intake)\(withdrawal)", cookie: session, ["csrfToken": token], expecting: .seeOther)
    }

    /// Posts one file to the documents service; where it sends the browser back.
    static func upload(_ action: String, grant: String, type: String, _ content: String) async throws -> String {
        let boundary = "----mij\(UUID().uuidString)"
        var body = ""
        for (name, value) in [("jeton", grant), ("type", type)] {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"\(type).pdf\"\r\n"
        body += "Content-Type: application/pdf\r\n\r\n\(content)\r\n--\(boundary)--\r\n"
        var request = HTTPClientRequest(url: action)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "multipart/form-data; boundary=\(boundary)")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await withoutRedirects.execute(request, timeout: .seconds(30))
        guard response.status == .seeOther, let location = response.headers["location"].first else {
            throw UnexpectedStatus(description: "upload \(type): \(response.status)")
        }
        return location
    }

    /// The CSRF token of the first form on a page, and the cookie the page set (if any).
    static func csrf(from url: String, cookie: String? = nil) async throws -> (cookie: String, token: String) {
        var request = HTTPClientRequest(url: url)
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let page = String(buffer: try await response.body.collect(upTo: 1 << 20))
        guard let token = page.firstMatch(of: /name="csrfToken" value="([^"]+)"/)?.1 else {
            let location = response.headers["location"].first.map { " to \($0)" } ?? ""
            throw UnexpectedStatus(
                description: "no form on \(url): \(response.status)\(location), \(page.prefix(300))"
            )
        }
        let setCookie = response.headers["set-cookie"].first?.split(separator: ";").first.map(String.init)
        return (setCookie ?? cookie ?? "", String(token))
    }

    /// A client that shows redirects instead of following them (the sign-in answer carries the session cookie).
    static let withoutRedirects = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: .init(redirectConfiguration: .disallow)
    )

    static func post(
        _ url: String,
        cookie: String,
        _ fields: [String: String],
        expecting status: HTTPResponseStatus? = .ok
    ) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Cookie", value: cookie)
        request.body = .bytes(
            ByteBuffer(string: fields.map { "\($0.key)=\(percentEncoded($0.value))" }.joined(separator: "&"))
        )
        let response = try await withoutRedirects.execute(request, timeout: .seconds(10))
        guard status == nil || response.status == status else {
            throw UnexpectedStatus(description: "POST \(url): \(response.status)")
        }
        return response
    }

    static func submitJSON(intake: String, email: String) async throws -> String {
        var request = HTTPClientRequest(url: "\(intake)/api/demandes")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Bearer \(ClaimFixtures.apiToken)")
        request.body = .bytes(
            ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ClaimFixtures.formJSON(email: email)))
        )
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
        guard response.status == .created, let reference = body.firstMatch(of: /BRI-\d{8}-\d{4,}/) else {
            throw UnexpectedStatus(description: "JSON submission: \(response.status) \(body)")
        }
        return String(reference.0)
    }

    private static func percentEncoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}

/// Reads the test SMTP sink's Maildir.
enum Maildir {
    static func messages(to address: String) -> [String] {
        guard let directory = TestEnvironment.maildir?.appendingPathComponent("new"),
            let files = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        else { return [] }
        return files.compactMap { try? String(contentsOf: $0, encoding: .utf8) }.filter {
            $0.contains("To: \(address)")
        }
    }

    /// The decoded base64 parts of the messages to `address` (their plain-text and HTML bodies).
    static func decodedBodies(to address: String) -> [String] {
        messages(to: address).flatMap { message in
            message.components(separatedBy: "Content-Transfer-Encoding: base64").dropFirst().compactMap { part in
                let body = part.components(separatedBy: "\n--").first ?? ""
                let base64 = body.filter { !$0.isWhitespace }
                return Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) }
            }
        }
    }
}
