import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Messaging
import NIOCore
import NIOFoundationCompat
import PostgresNIO
import TestSupport
import Testing
import WebUI

@testable import Documents

/// The submission receipt, rendered by the real WeasyPrint worker into the real blob store, then downloaded with
/// a portal's grant: what it says (read back with pdftotext), that it is tagged, issued once, and that a download
/// serves only what its grant names.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct ReceiptTests {
    private static let claim = UUID()
    private static let claimant = UUID()
    private static let invoice = UUID()
    private static let signer = DocumentGrantSigner(base64Key: ClaimFixtures.documentGrantKey)!

    private static let submitted = ClaimSubmitted(
        claimId: claim,
        reference: "BRI-20261123-0042",
        submittedAt: Date(timeIntervalSince1970: 1_795_000_000),
        claimant: .init(firstName: "Élodie <b>", lastName: "Nguyễn", email: "elodie@example.fr", civility: "MME"),
        doorBreak: .init(date: "2026-11-01", streetAddress: "3 rue des Lilas", postalCode: "75011", commune: "Paris"),
        claimedAmountCents: 125_050,
        documents: [.init(id: invoice, type: "facture")]
    )

    /// Files the claim's folder, one clean upload and the receipt request, as the claim-submitted handler does.
    private static func requestReceipt(_ context: DocumentsHarness.Context) async throws {
        try await context.database.inspect { client in
            try await client.withConnection { connection in
                try await connection.query(
                    "INSERT INTO documents.claim_folder (claim_id, reference) VALUES (\(claim), 'BRI-20261123-0042')",
                    logger: TestDatabase.logger
                )
                try await connection.query(
                    """
                    INSERT INTO documents.document (id, claim_id, uploaded_by, type, media_type, size, sha256,
                                                    file_name, scan_status, stored_at)
                    VALUES (\(invoice), \(claim), \(claimant), 'facture', 'application/pdf', 10, 'x',
                            'Facture serrurier.pdf', 'clean', now())
                    """,
                    logger: TestDatabase.logger
                )
                try await connection.query("SET search_path TO documents", logger: TestDatabase.logger)
                try await RenderingQueue.request(
                    .receipt(ReceiptContent(submitted)),
                    claim: claim,
                    reference: submitted.reference,
                    at: Date(),
                    on: connection,
                    logger: TestDatabase.logger
                )
                try await connection.query("RESET search_path", logger: TestDatabase.logger)
            }
        }
    }

    private static func service(_ context: DocumentsHarness.Context, renderer: PDFRenderer? = nil)
        -> RenderingService
    {
        RenderingService(
            queue: context.parts.rendering,
            templates: context.parts.letters,
            renderer: renderer ?? context.parts.renderer,
            storage: context.storage,
            portalOrigin: "https://mij.example.gouv.fr",
            signal: OutboxSignal(),
            logger: TestDatabase.logger
        )
    }

    private static func issuedReceipt(_ database: TestDatabase) async throws -> UUID? {
        try await database.inspect { client in
            let rows = try await client.query(
                "SELECT document_id FROM documents.rendering_request WHERE claim_id = \(claim) AND content IS NULL",
                logger: TestDatabase.logger
            )
            for try await id in rows.decode(UUID?.self) { return id }
            return nil
        }
    }

    private static func downloadToken(_ document: UUID, claim: UUID = claim, expiresIn: TimeInterval = 60) throws
        -> String
    {
        try signer.token(
            for: DocumentGrant(
                action: .download,
                claimId: claim,
                principalId: claimant,
                documentId: document,
                returnPath: "/demandes/\(claim)",
                expiresAt: Date().addingTimeInterval(expiresIn)
            )
        )
    }

    // MARK: - Receipt

    @Test func aSubmittedClaimGetsOneTaggedReceiptThatSaysWhatWasFiled() async throws {
        try await DocumentsHarness.run { context in
            try await Self.requestReceipt(context)
            let service = Self.service(context)
            let job = try #require(try await context.parts.rendering.leaseNext())
            #expect(try await context.parts.rendering.leaseNext() == nil, "leased: another worker does not take it")
            await service.render(job)

            let receipt = try #require(try await Self.issuedReceipt(context.database), "issued, content erased")
            let pdf = Data(buffer: try await context.storage.read(document: receipt, claim: Self.claim))
            #expect(pdf.starts(with: Data("%PDF-".utf8)))
            let text = try PDFTools.text(of: pdf)
            for expected in [
                "Récépissé de dépôt", "BRI-20261123-0042", "Mme Élodie <b> Nguyễn", "1 novembre 2026",
                "3 rue des Lilas, 75011 Paris", "250,50 €", "Facture acquittée", "Facture serrurier.pdf",
                "deux à quatre mois", "https://mij.example.gouv.fr/demandes/\(Self.claim.uuidString.lowercased())",
            ] {
                #expect(text.contains(expected), "the receipt shows \(expected)")
            }
            let info = try PDFTools.info(of: pdf)
            #expect(info["Tagged"] == "yes", "PDF/UA: tagged for screen readers")
            #expect(info["Title"] == "Récépissé de dépôt — demande BRI-20261123-0042")

            let events = try await context.database.count(
                "SELECT count(*) FROM documents.outbox WHERE event_name = 'documents.receipt-issued'"
            )
            #expect(events == 1)
            let generated = try await context.database.count(
                """
                SELECT count(*) FROM documents.document
                WHERE origin = 'generated' AND type = 'recepisse' AND uploaded_by IS NULL AND scan_status = 'clean'
                """
            )
            #expect(generated == 1)
            #expect(await service.render(job) == (), "issuing again changes nothing")
            #expect(try await context.database.count("SELECT count(*) FROM documents.document") == 2)
        }
    }

    @Test func aWorkerThatCannotRenderLeavesNothingAndRetriesLater() async throws {
        try await DocumentsHarness.run { context in
            try await Self.requestReceipt(context)
            let broken = PDFRenderer(
                command: .init(python: "/bin/false", script: URL(fileURLWithPath: "/nonexistent"), assets: "/tmp"),
                logger: TestDatabase.logger
            )
            let job = try #require(try await context.parts.rendering.leaseNext())
            await Self.service(context, renderer: broken).render(job)

            #expect(try await Self.issuedReceipt(context.database) == nil)
            let waiting = try await context.database.count(
                """
                SELECT count(*) FROM documents.rendering_request
                WHERE content IS NOT NULL AND attempts = 1 AND last_error IS NOT NULL AND next_attempt_at > now()
                """
            )
            #expect(waiting == 1, "kept with its reason, to be retried after a delay")
            #expect(try await context.database.count("SELECT count(*) FROM documents.document") == 1)
            #expect(
                RenderingService.backoff(attempt: 1) == .seconds(10)
                    && RenderingService.backoff(attempt: 20) == .seconds(3600)
            )
        }
    }

    // MARK: - Download

    @Test func aDownloadServesOnlyTheDocumentItsGrantNamesAsASandboxedAttachment() async throws {
        try await DocumentsHarness.run { context in
            try await Self.requestReceipt(context)
            let job = try #require(try await context.parts.rendering.leaseNext())
            await Self.service(context).render(job)
            let receipt = try #require(try await Self.issuedReceipt(context.database))
            let path = "/documents/fichiers/\(receipt.uuidString.lowercased())?jeton="

            let response = try await context.client.execute(uri: path + Self.downloadToken(receipt), method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/pdf")
            #expect(
                response.headers[.contentDisposition]
                    == "attachment; filename=\"Recepisse BRI-20261123-0042.pdf\"; "
                    + "filename*=UTF-8''R%C3%A9c%C3%A9piss%C3%A9%20BRI-20261123-0042.pdf"
            )
            #expect(response.headers[.contentSecurityPolicy] == "default-src 'none'; sandbox")
            #expect(response.headers[.cacheControl] == "private, no-store")
            #expect(Data(buffer: response.body).starts(with: Data("%PDF-".utf8)))

            let forged = try await context.client.execute(uri: path + "eyJhIjoxfQ.AAAA", method: .get)
            #expect(forged.status == .forbidden)
            let otherDocument = try await context.client.execute(
                uri: path + Self.downloadToken(Self.invoice),
                method: .get
            )
            #expect(otherDocument.status == .forbidden, "a grant for another document")
            let otherClaim = try await context.client.execute(
                uri: path + Self.downloadToken(receipt, claim: UUID()),
                method: .get
            )
            #expect(otherClaim.status == .notFound, "a grant for another claim")
            let expired = try await context.client.execute(
                uri: path + Self.downloadToken(receipt, expiresIn: -1),
                method: .get
            )
            #expect(expired.status == .seeOther && expired.headers[.location] == "/demandes/\(Self.claim)")
        }
    }

    @Test func documentsNotScannedCleanOrWithdrawnAreNeverServed() async throws {
        try await DocumentsHarness.run { context in
            try await Self.requestReceipt(context)
            try await context.storage.write(ByteBuffer(string: "%PDF-1.4"), document: Self.invoice, claim: Self.claim)
            let token = try Self.downloadToken(Self.invoice)
            let uri = "/documents/fichiers/\(Self.invoice.uuidString.lowercased())?jeton=" + token
            #expect(try await context.client.execute(uri: uri, method: .get).status == .ok)
            for change in ["scan_status = 'scan_pending'", "scan_status = 'clean', deleted_at = now()"] {
                _ = try await context.database.count(
                    "WITH changed AS (UPDATE documents.document SET \(change) WHERE id = '\(Self.invoice)' RETURNING 1) SELECT count(*) FROM changed"
                )
                #expect(try await context.client.execute(uri: uri, method: .get).status == .notFound, "\(change)")
            }
        }
    }
}
