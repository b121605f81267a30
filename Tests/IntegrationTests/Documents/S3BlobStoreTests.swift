import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import PostgresNIO
import ServiceKit
import TestSupport
import Testing
import WebUI

@testable import Documents

/// The S3 blob store against an S3-compatible server on loopback that checks every signature (moto, with one user
/// allowed on one bucket): the store's own calls, a refused signature, and documents' upload and download through it.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct S3BlobStoreTests {
    private static let signer = DocumentGrantSigner(base64Key: ClaimFixtures.documentGrantKey)!
    private static let cleanPDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

    private static func randomBytes(_ count: Int) -> ByteBuffer {
        var generator = SystemRandomNumberGenerator()
        return ByteBuffer(bytes: (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    @Test func blobsAreWrittenReadListedByFolderAndDeleted() async throws {
        try await S3StandIn.with { account in
            var store = S3BlobStore(location: S3Location(account))
            store.listingPageSize = 2
            try await store.checkReady()
            let (claim, other) = (UUID(), UUID())
            let documents = [UUID(), UUID(), UUID(), UUID(), UUID()]
            let large = Self.randomBytes(1024 * 1024 + 17)
            try await store.write(large, document: documents[0], claim: claim)
            for document in documents.dropFirst() {
                try await store.write(ByteBuffer(string: "\(document)"), document: document, claim: claim)
            }
            let kept = UUID()
            try await store.write(ByteBuffer(string: "other claim"), document: kept, claim: other)

            #expect(try await store.read(document: documents[0], claim: claim) == large)
            #expect(try await store.read(document: documents[1], claim: claim) == ByteBuffer(string: "\(documents[1])"))
            #expect(try await store.exists(document: documents[2], claim: claim))
            #expect(try await store.exists(document: documents[2], claim: other) == false)

            try await store.delete(document: documents[4], claim: claim)
            try await store.delete(document: documents[4], claim: claim)
            #expect(try await store.exists(document: documents[4], claim: claim) == false)
            await #expect(throws: S3Error.self) { try await store.read(document: documents[4], claim: claim) }

            #expect(try await store.deleteFolder(claim: claim) == 4, "three pages of two keys")
            #expect(try await store.deleteFolder(claim: claim) == 0)
            for document in documents {
                #expect(try await store.exists(document: document, claim: claim) == false)
            }
            #expect(try await store.read(document: kept, claim: other) == ByteBuffer(string: "other claim"))
        }
    }

    @Test func aWrongSecretOrAnUnknownKeyIsRefusedAndNothingIsStored() async throws {
        try await S3StandIn.with { account in
            let store = S3BlobStore(location: S3Location(account))
            var wrongSecret = S3Location(account)
            wrongSecret.secretAccessKey = String(account.secretAccessKey.reversed())
            var unknownKey = S3Location(account)
            unknownKey.accessKeyID = "AKIAUNKNOWNUNKNOWN00"
            let (document, claim) = (UUID(), UUID())
            for (location, code) in [(wrongSecret, "SignatureDoesNotMatch"), (unknownKey, "InvalidAccessKeyId")] {
                let refused = S3BlobStore(location: location)
                do {
                    try await refused.write(ByteBuffer(string: "x"), document: document, claim: claim)
                    Issue.record("a write signed with \(code) was accepted")
                } catch let error as S3Error {
                    #expect(error.status == 403 && error.code == code)
                }
                await #expect(throws: S3Error.self) { try await refused.checkReady() }
            }
            #expect(try await store.exists(document: document, claim: claim) == false)
        }
    }

    @Test func anUploadIsStoredInTheBucketAndDownloadedThroughItsGrant() async throws {
        try await S3StandIn.with { account in
            try await DocumentsHarness.run(storage: .s3(S3Location(account))) { context in
                let claim = UUID()
                let claimant = UUID()
                let uploadGrant = DocumentGrant(
                    action: .upload,
                    claimId: claim,
                    principalId: claimant,
                    documentTypes: ["facture"],
                    returnPath: "/demandes/\(claim)/pieces",
                    expiresAt: Date().addingTimeInterval(600)
                )
                let pdf = ByteBuffer(string: Self.cleanPDF + String(repeating: "%padding\n", count: 40_000))
                let uploaded = try await UploadPost.send(
                    context.client,
                    pdf,
                    token: Self.signer.token(for: uploadGrant)
                )
                #expect(UploadPost.outcome(uploaded) == "recu")
                let id = try #require(
                    try await context.database.inspect { client in
                        try await client.query("SELECT id FROM documents.document", logger: TestDatabase.logger)
                            .decode(UUID.self).reduce(into: [UUID]()) { $0.append($1) }.first
                    }
                )
                #expect(try await context.storage.exists(document: id, claim: claim))

                let downloadGrant = DocumentGrant(
                    action: .download,
                    claimId: claim,
                    principalId: claimant,
                    documentId: id,
                    returnPath: "/demandes/\(claim)",
                    expiresAt: Date().addingTimeInterval(60)
                )
                let download = try await context.client.execute(
                    uri:
                        "/documents/fichiers/\(id.uuidString.lowercased())?jeton=\(Self.signer.token(for: downloadGrant))",
                    method: .get
                )
                #expect(download.status == .ok)
                #expect(download.headers[.contentLength] == String(pdf.readableBytes))
                #expect(download.body == pdf)
                let ready = try await context.client.execute(uri: "/health/ready", method: .get)
                #expect(ready.status == .ok)
            }
        }
    }

    @Test func whenTheBucketIsUnreachableAnUploadIsTurnedBackAndNothingIsRecorded() async throws {
        let unreachable = S3Location(
            endpoint: "http://127.0.0.1:\(try ServiceProcess.freePort())",
            bucket: "mij-documents",
            region: "eu-west-3",
            accessKeyID: "AKIAEXAMPLE",
            secretAccessKey: "secret"
        )
        try await DocumentsHarness.run(storage: .s3(unreachable)) { context in
            let grant = DocumentGrant(
                action: .upload,
                claimId: UUID(),
                principalId: UUID(),
                documentTypes: ["facture"],
                returnPath: "/demandes/x/pieces",
                expiresAt: Date().addingTimeInterval(600)
            )
            let response = try await UploadPost.send(
                context.client,
                ByteBuffer(string: Self.cleanPDF),
                token: Self.signer.token(for: grant)
            )
            #expect(response.status == .seeOther && UploadPost.outcome(response) == "indisponible")
            #expect(UploadNotice.notice(for: "indisponible")?.isError == true)
            #expect(try await context.database.count("SELECT count(*) FROM documents.document") == 0)
            #expect(try await context.database.count("SELECT count(*) FROM documents.outbox") == 0)
            let ready = try await context.client.execute(uri: "/health/ready", method: .get)
            #expect(ready.status == .serviceUnavailable)
        }
    }
}
