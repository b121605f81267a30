import Foundation
import Testing

@testable import Notification

/// Text messages as the network carries them: French typography replaced so they fit the GSM alphabet, parts
/// counted as operators bill them, and the development drop that keeps numbers and texts out of the logs.
struct SMSTextTests {
    @Test func frenchTypographyIsReplacedToStayInTheGSMAlphabet() {
        let text = SMSText("Ministère de la Justice : jusqu’au 15 décembre, « code » ABCD-EFGH – être, cœur, garçon")
        #expect(text.encoding == .gsm7)
        #expect(text.text == "Ministère de la Justice : jusqu'au 15 décembre, \"code\" ABCD-EFGH - etre, coeur, garcon")
        #expect(text.segments == 1)
    }

    @Test func partsAreCountedAsOperatorsBillThem() {
        #expect(SMSText(String(repeating: "a", count: 160)).segments == 1)
        #expect(SMSText(String(repeating: "a", count: 161)).segments == 2)
        #expect(SMSText(String(repeating: "a", count: 306)).segments == 2)
        #expect(SMSText(String(repeating: "€", count: 80)).segments == 1, "an extension character counts twice")
        #expect(SMSText(String(repeating: "€", count: 81)).segments == 2)
        let arabic = SMSText("مرحبا " + String(repeating: "a", count: 70))
        #expect(arabic.encoding == .ucs2 && arabic.segments == 2)
        #expect(SMSText(String(repeating: "a", count: 4 * 153 + 1)).isTooLong)
    }

    @Test func theDevelopmentDropWritesAFileNamedWithoutTheNumber() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sms-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await SMSDrop(directory: folder).send(to: "+33612345678", text: SMSText("Votre code : 482915"))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.count == 1 && files[0].hasSuffix(".txt") && !files[0].contains("612345678"))
        let content = try String(contentsOf: folder.appendingPathComponent(files[0]), encoding: .utf8)
        #expect(content.contains("+33612345678") && content.contains("Votre code : 482915"))
    }
}
