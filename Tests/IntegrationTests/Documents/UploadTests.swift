import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Messaging
import NIOCore
import PostgresNIO
import ServiceKit
import TestSupport
import Testing
import WebUI

@testable import Documents

/// Uploads against real PostgreSQL and a real clamd loaded with the test signatures (EICAR and the project's
/// marker): what is accepted is stored and announced, what is refused leaves nothing behind, and a file that
/// arrives while the antivirus is down stays unreadable until it has been scanned.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct UploadTests {
    private static let claim = UUID()
    private static let claimant = UUID()
    private static let signer = DocumentGrantSigner(base64Key: ClaimFixtures.documentGrantKey)!
    private static let cleanPDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    /// EICAR's standard test file, built from hex so that no file of the repository trips an antivirus.
    private static let eicar = ByteBuffer(
        bytes: hexBytes(
            "58354f2150254041505b345c505a58353428505e2937434329377d2445494341522d5354414e444152442d414e544956495255532d544553542d46494c452124482b482a"
        )
    )

    private static func withDocuments(
        antivirus: (any Antivirus)? = nil,
        _ body: @Sendable (DocumentsHarness.Context) async throws -> Void
    ) async throws {
        try await DocumentsHarness.run(antivirus: antivirus, body)
    }

    private static func token(types: [String] = ["facture"], expiresIn seconds: TimeInterval = 600) throws -> String {
        try signer.token(
            for: DocumentGrant(
                action: .upload,
                claimId: claim,
                principalId: claimant,
                documentTypes: types,
                returnPath: "/demandes/\(claim)/pieces",
                expiresAt: Date().addingTimeInterval(seconds)
            )
        )
    }

    private static func upload(
        _ client: any TestClientProtocol,
        _ content: ByteBuffer,
        name: String = "facture.pdf",
        type: String = "facture",
        token: String? = nil
    ) async throws -> TestResponse {
        try await UploadPost.send(client, content, token: token ?? Self.token(), name: name, type: type)
    }

    private static func outcome(_ response: TestResponse) -> String? { UploadPost.outcome(response) }

    private static func events(_ database: TestDatabase, _ name: String) async throws -> Int {
        try await database.count("SELECT count(*) FROM documents.outbox WHERE event_name = '\(name)'")
    }

    // MARK: - Accepted

    @Test func aCleanPDFIsStoredUnderAServerIdAndAnnounced() async throws {
        try await Self.withDocuments { context in
            let response = try await Self.upload(
                context.client,
                ByteBuffer(string: Self.cleanPDF),
                name: "../Facture \u{202E}.pdf"
            )
            #expect(response.status == .seeOther && Self.outcome(response) == "recu")
            #expect(response.headers[.location]?.hasPrefix("/demandes/\(Self.claim)/pieces?depot=") == true)
            let stored = try await context.database.inspect { client in
                let rows = try await client.query(
                    "SELECT id, file_name, media_type, scan_status, size FROM documents.document",
                    logger: TestDatabase.logger
                )
                return try await rows.decode((UUID, String, String, String, Int).self).reduce(into: []) {
                    $0.append($1)
                }
            }
            let row = try #require(stored.first)
            #expect(stored.count == 1 && row.1 == "Facture .pdf" && row.2 == "application/pdf" && row.3 == "clean")
            #expect(row.4 == Self.cleanPDF.utf8.count)
            #expect(try await context.storage.exists(document: row.0, claim: Self.claim))
            #expect(try await Self.events(context.database, "documents.document-stored") == 1)
        }
    }

    // MARK: - Refused

    @Test func infectedFilesAreRefusedAndNothingOfThemIsKept() async throws {
        try await Self.withDocuments { context in
            let eicar = try await Self.upload(context.client, Self.eicar, name: "eicar.pdf")
            #expect(Self.outcome(eicar) == "format", "EICAR is not even a PDF")
            var markedPDF = ByteBuffer(string: Self.cleanPDF)
            markedPDF.writeString("% CLAIMS-AV-TEST-MARKER\n")
            let marked = try await Self.upload(context.client, markedPDF)
            #expect(Self.outcome(marked) == "virus")
            var eicarInPDF = ByteBuffer(string: "%PDF-1.4\n")
            var payload = Self.eicar
            eicarInPDF.writeBuffer(&payload)
            let disguised = try await Self.upload(context.client, eicarInPDF)
            #expect(Self.outcome(disguised) == "virus")
            #expect(try await context.database.count("SELECT count(*) FROM documents.document") == 0)
            #expect(try await Self.events(context.database, "documents.document-rejected") == 3)
            #expect(try await Self.events(context.database, "documents.document-stored") == 0)
        }
    }

    @Test func wrongFormatsActiveContentAndOversizeFilesAreRefused() async throws {
        try await Self.withDocuments { context in
            let html = try await Self.upload(context.client, ByteBuffer(string: "<html><script>x()</script>"))
            #expect(Self.outcome(html) == "format")
            let script = try await Self.upload(
                context.client,
                ByteBuffer(string: "%PDF-1.4\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>")
            )
            #expect(Self.outcome(script) == "contenu")
            let limit = UploadController.Limits().maximumFileSize
            var atLimit = ByteBuffer(string: "%PDF-1.4\n")
            atLimit.writeRepeatingByte(0x20, count: limit - atLimit.readableBytes)
            #expect(
                Self.outcome(try await Self.upload(context.client, atLimit)) == "recu",
                "exactly the limit is accepted"
            )
            atLimit.writeString(" ")
            #expect(Self.outcome(try await Self.upload(context.client, atLimit)) == "taille", "one byte more is not")
            #expect(Self.outcome(try await Self.upload(context.client, ByteBuffer())) == "vide")
            #expect(try await context.database.count("SELECT count(*) FROM documents.document") == 1)
        }
    }

    @Test func aForgedGrantOrATypeItDoesNotAllowIsForbiddenAndAnExpiredOneSendsBack() async throws {
        try await Self.withDocuments { context in
            let pdf = ByteBuffer(string: Self.cleanPDF)
            let forged = try await Self.upload(context.client, pdf, token: "eyJhIjoxfQ.AAAA")
            #expect(forged.status == .forbidden)
            let otherType = try await Self.upload(context.client, pdf, type: "rib")
            #expect(otherType.status == .forbidden)
            let expired = try await Self.upload(context.client, pdf, token: try Self.token(expiresIn: -1))
            #expect(Self.outcome(expired) == "expire")
            #expect(try await context.database.count("SELECT count(*) FROM documents.document") == 0)
        }
    }

    // MARK: - Antivirus down

    @Test func aFileArrivingWhileTheAntivirusIsDownStaysPendingUntilScanned() async throws {
        let unreachable = ClamdClient(host: "127.0.0.1", port: 9, timeout: .seconds(2))
        try await Self.withDocuments(antivirus: unreachable) { context in
            let clean = try await Self.upload(context.client, ByteBuffer(string: Self.cleanPDF))
            var markedPDF = ByteBuffer(string: Self.cleanPDF)
            markedPDF.writeString("% CLAIMS-AV-TEST-MARKER\n")
            let infected = try await Self.upload(context.client, markedPDF)
            #expect(Self.outcome(clean) == "analyse" && Self.outcome(infected) == "analyse")
            let pending = "SELECT count(*) FROM documents.document WHERE scan_status = 'scan_pending'"
            #expect(try await context.database.count(pending) == 2)

            // The antivirus is back: the loop scans what waited.
            let rescans = PendingScanService(
                documents: context.parts.documents,
                antivirus: ClamdClient(host: "127.0.0.1", port: TestEnvironment.clamdPort),
                storage: context.storage,
                logger: TestDatabase.logger
            )
            try await rescans.scanPending()
            try await rescans.scanPending()  // a second pass (or replica) records nothing twice
            #expect(try await context.database.count(pending) == 0)
            #expect(
                try await context.database.count("SELECT count(*) FROM documents.document WHERE scan_status = 'clean'")
                    == 1
            )
            let infectedId = try await context.database.inspect { client in
                let rows = try await client.query(
                    "SELECT id FROM documents.document WHERE scan_status = 'infected'",
                    logger: TestDatabase.logger
                )
                return try await rows.decode(UUID.self).reduce(into: [UUID]()) { $0.append($1) }
            }
            #expect(infectedId.count == 1)
            #expect(
                try await context.storage.exists(document: infectedId[0], claim: Self.claim) == false,
                "an infected file loses its content"
            )
            #expect(try await Self.events(context.database, "documents.document-scanned") == 2)
        }
    }

    private static func hexBytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }
}
