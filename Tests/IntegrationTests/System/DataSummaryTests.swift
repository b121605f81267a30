import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import TestSupport
import Testing

/// A claimant's readable summary of their data: asked for on "Mes données", rendered to PDF by documents, listed
/// once ready and downloaded through a grant; it names the claim and the last digits of the IBAN, never the IBAN.
extension FiveProcessesTests {
    @Test func aClaimantGetsAReadablePDFSummaryOfTheirData() async throws {
        let test = try await Self.migratedDatabase()
        let (processes, _) = try await Self.startAll(test, logs: try Self.logDirectory())
        let intake = try #require(processes.first { $0.name == "intake" }).baseURL
        let email = "releve-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        let reference = try await SystemHTTP.submitForm(intake: intake, email: email)
        let (_, session) = try await SystemHTTP.signedInClaimPage(intake: intake, email: email)
        let (_, token) = try await SystemHTTP.csrf(from: "\(intake)/mon-espace/donnees", cookie: session)
        let asked = try await SystemHTTP.post(
            "\(intake)/mon-espace/donnees/releve",
            cookie: session,
            ["csrfToken": token],
            expecting: .seeOther
        )
        #expect(asked.headers["location"].first == "/mon-espace/donnees?releve=demande")
        var link: String?
        for _ in 0..<60 where link == nil {
            let page = try await SystemHTTP.get("\(intake)/mon-espace/donnees", cookie: session)
            link = page.firstMatch(of: /href="(\/mon-espace\/donnees\/releves\/[0-9a-f-]{36})"/).map { String($0.1) }
            if link == nil { try await Task.sleep(for: .milliseconds(500)) }
        }
        let path = try #require(link, "the summary never became downloadable")
        var request = HTTPClientRequest(url: "\(intake)\(path)")
        request.headers.add(name: "Cookie", value: session)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        #expect(response.status == .ok, "followed to documents with a grant")
        let pdf = Data(buffer: try await response.body.collect(upTo: 1 << 22))
        let text = try PDFTools.text(of: pdf)
        for expected in [
            "Relevé de vos données personnelles", reference, email, "IBAN se terminant par 0189",
            "Demande déposée",
        ] {
            #expect(text.contains(expected), "the summary lacks \(expected)")
        }
        #expect(!text.contains("FR76"), "the IBAN itself is not printed")
        // Another claimant gets nothing of it.
        let other = "autre-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        _ = try await SystemHTTP.submitForm(intake: intake, email: other)
        let (_, intruder) = try await SystemHTTP.signedInClaimPage(intake: intake, email: other)
        var stolen = HTTPClientRequest(url: "\(intake)\(path)")
        stolen.headers.add(name: "Cookie", value: intruder)
        #expect(try await SystemHTTP.withoutRedirects.execute(stolen, timeout: .seconds(10)).status == .notFound)
        for process in processes { await process.stop() }
        try await test.database.drop()
    }
}
