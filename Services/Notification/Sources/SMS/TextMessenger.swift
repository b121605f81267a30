import Crypto
import Foundation

/// Where text messages go: an SMS provider's API in production (`SMSGateway`), a folder in development
/// (`SMSDrop`).
protocol TextMessenger: Sendable {
    /// Hands one message over; `number` is in E.164 form. Throws `SMSError`.
    func send(to number: String, text: SMSText) async throws
}

/// Development's SMS provider (`SMS_GATEWAY_URL=file:///…`): each message becomes a file of the folder, named by
/// the time and a digest of the number, so that `make up` shows what would have been sent without a provider and
/// without writing a number or a text into the logs.
struct SMSDrop: TextMessenger {
    let directory: URL

    func send(to number: String, text: SMSText) async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let digest = SHA256.hash(data: Data(number.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
        let name = "\(Int(Date().timeIntervalSince1970 * 1000))-\(digest).txt"
        let content = "À : \(number)\nCodage : \(text.encoding.rawValue), \(text.segments) partie(s)\n\n\(text.text)\n"
        try Data(content.utf8).write(to: directory.appendingPathComponent(name), options: .atomic)
    }
}
