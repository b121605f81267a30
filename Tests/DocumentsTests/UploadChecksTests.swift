import Foundation
import NIOCore
import Testing
import WebUI

@testable import Documents

/// What an upload is checked for before it is scanned: its format by its first bytes, active PDF content, its
/// name, the grant that allows it, and how clamd's answers are read.
struct UploadChecksTests {
    private static func buffer(_ bytes: [UInt8]) -> ByteBuffer { ByteBuffer(bytes: bytes) }
    private static func buffer(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    // MARK: - Format

    @Test func acceptedFormatsAreRecognisedByTheirFirstBytes() {
        #expect(ContentSniffer.mediaType(of: Self.buffer("%PDF-1.7\n…")) == .pdf)
        #expect(ContentSniffer.mediaType(of: Self.buffer([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10])) == .jpeg)
        #expect(ContentSniffer.mediaType(of: Self.buffer([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0])) == .png)
        #expect(ContentSniffer.mediaType(of: Self.buffer("RIFF\u{10}\0\0\0WEBPVP8 ")) == .webp)
    }

    @Test(arguments: [
        "<html><script>alert(1)</script>", "MZ\u{90}\0 executable renamed .pdf", "PK\u{3}\u{4} a zip archive",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "RIFF\u{10}\0\0\0WAVEfmt ", "", " %PDF-1.7 shifted by a space",
    ])
    func anythingElseIsRefusedWhateverItsName(content: String) {
        #expect(ContentSniffer.mediaType(of: Self.buffer(content)) == nil)
    }

    @Test func pdfsThatRunCodeOrCarryFilesAreRefused() {
        #expect(
            ContentSniffer.hasActiveContent(Self.buffer("%PDF-1.7 1 0 obj << /S /JavaScript /JS (app.alert(1)) >>"))
        )
        #expect(ContentSniffer.hasActiveContent(Self.buffer("%PDF-1.7 << /OpenAction << /S /Launch /F (cmd) >> >>")))
        #expect(ContentSniffer.hasActiveContent(Self.buffer("%PDF-1.7 << /Type /EmbeddedFile >>")))
        #expect(!ContentSniffer.hasActiveContent(Self.buffer("%PDF-1.7 << /Type /Page /JSON 1 /Contents 4 0 R >>")))
    }

    // MARK: - Names

    @Test(arguments: [
        ("../../etc/passwd", "passwd"), ("C:\\Users\\moi\\facture.pdf", "facture.pdf"),
        ("fac\r\nture\".pdf", "facture.pdf"), ("\u{202E}fdp.exe", "fdp.exe"), ("...", "document"),
        ("photo porte 😀.jpg", "photo porte 😀.jpg"),
    ])
    func originalNamesAreCleanedBeforeTheyAreKept(name: String, cleaned: String) {
        #expect(FileName.cleaned(name) == cleaned)
    }

    @Test func longNamesAreCut() {
        #expect(FileName.cleaned(String(repeating: "a", count: 300) + ".pdf").count == 120)
    }

    // MARK: - Grants

    private let signer = DocumentGrantSigner(base64Key: Data(repeating: 1, count: 32).base64EncodedString())!
    private let grant = DocumentGrant(
        action: .upload,
        claimId: UUID(),
        principalId: UUID(),
        documentTypes: ["facture"],
        returnPath: "/demandes/x/pieces",
        expiresAt: Date(timeIntervalSince1970: 2_000_000_000)
    )

    @Test func aGrantChecksOutUntilItExpires() throws {
        let token = try signer.token(for: grant)
        #expect(signer.check(token, now: Date(timeIntervalSince1970: 1_999_999_999)) == .valid(grant))
        #expect(signer.check(token, now: Date(timeIntervalSince1970: 2_000_000_001)) == .expired(grant))
    }

    @Test func anAlteredGrantOrOneSignedWithAnotherKeyIsForged() throws {
        let token = try signer.token(for: grant)
        var widened = grant
        widened.documentTypes.append("rib")
        let payload = try signer.token(for: widened).split(separator: ".")[0]
        let signature = token.split(separator: ".")[1]
        let now = Date(timeIntervalSince1970: 1_900_000_000)
        #expect(signer.check("\(payload).\(signature)", now: now) == .forged)
        let other = DocumentGrantSigner(base64Key: Data(repeating: 2, count: 32).base64EncodedString())!
        #expect(other.check(token, now: now) == .forged)
        #expect(signer.check("", now: now) == .forged && signer.check(String(token.dropLast()), now: now) == .forged)
        #expect(DocumentGrantSigner(base64Key: "trop-court") == nil)
    }

    // MARK: - clamd's answers

    @Test func clamdAnswersAreReadFailingClosed() {
        #expect(ClamdClient.verdict("stream: OK") == .clean)
        #expect(
            ClamdClient.verdict("stream: Eicar-Test-Signature-Body.UNOFFICIAL FOUND")
                == .infected(signature: "Eicar-Test-Signature-Body.UNOFFICIAL")
        )
        #expect(
            ClamdClient.verdict("stream: Heuristics.Encrypted.PDF FOUND")
                == .infected(signature: "Heuristics.Encrypted.PDF")
        )
        #expect(
            ClamdClient.verdict("INSTREAM size limit exceeded. ERROR")
                == .infected(signature: "Heuristics.Limits.Exceeded")
        )
        #expect(
            ClamdClient.verdict("stream: Can't allocate memory ERROR")
                == .unavailable(reason: "Can't allocate memory ERROR")
        )
    }
}
