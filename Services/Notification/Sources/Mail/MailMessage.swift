import Foundation

/// An e-mail to send: plain-text and HTML alternatives of the same French message.
struct MailMessage: Sendable, Equatable {
    var from: String
    var to: String
    var subject: String
    var text: String
    var html: String
    var messageId: String

    /// The RFC 5322 message: UTF-8 headers encoded per RFC 2047, a multipart/alternative body in base64.
    func rendered(date: Date = Date(), boundary: String = "mij-\(UUID().uuidString)") -> String {
        var lines = [
            "From: \(from)",
            "To: \(to)",
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(messageId)>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
        ]
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines += [
                "--\(boundary)",
                "Content-Type: \(type); charset=utf-8",
                "Content-Transfer-Encoding: base64",
                "",
            ]
            lines += Self.base64Lines(body)
        }
        lines.append("--\(boundary)--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// `=?UTF-8?B?…?=` when the text is not plain ASCII.
    static func encodedWord(_ text: String) -> String {
        guard text.contains(where: { !$0.isASCII }) else { return text }
        return "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    /// e.g. `Mon, 23 Nov 2026 13:05:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    private static func base64Lines(_ body: String) -> [String] {
        let encoded = Array(Data(body.utf8).base64EncodedString())
        return stride(from: 0, to: encoded.count, by: 76).map { String(encoded[$0..<min($0 + 76, encoded.count)]) }
    }
}
