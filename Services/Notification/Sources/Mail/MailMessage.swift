import Foundation

/// An e-mail to send: plain-text and HTML alternatives of the same French message, and files joined to it.
struct MailMessage: Sendable, Equatable {
    /// A file joined to the message (a PDF letter).
    struct Attachment: Sendable, Equatable {
        var fileName: String
        var mediaType: String
        var content: Data
    }

    /// `Name <address>` or a bare address; a non-ASCII name is encoded.
    var from: String
    var to: String
    /// Further recipients, in copy.
    var copies: [String] = []
    var subject: String
    var text: String
    var html: String
    var messageId: String
    var attachments: [Attachment] = []

    init(
        from: String,
        to: String,
        copies: [String] = [],
        subject: String,
        text: String,
        html: String,
        messageId: String,
        attachments: [Attachment] = []
    ) {
        self.from = from
        self.to = to
        self.copies = copies
        self.subject = subject
        self.text = text
        self.html = html
        self.messageId = messageId
        self.attachments = attachments
    }

    /// The envelope's sender and recipients: the bare addresses.
    var envelopeSender: String { Self.address(from) }
    var recipients: [String] { ([to] + copies).map(Self.address) }

    /// The RFC 5322 message: UTF-8 header text encoded per RFC 2047 (folded under 78 characters), the alternatives
    /// in base64, inside a multipart/mixed with the attachments when there are some.
    func rendered(date: Date = Date(), boundary: String = "mij-\(UUID().uuidString)") -> String {
        var lines = [
            "From: \(Self.encodedMailbox(from))",
            "To: \(Self.encodedMailbox(to))",
        ]
        if !copies.isEmpty { lines.append("Cc: \(copies.map(Self.encodedMailbox).joined(separator: ",\r\n "))") }
        lines += [
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(messageId)>",
            "MIME-Version: 1.0",
        ]
        let alternatives = "\(boundary)-alt"
        if attachments.isEmpty {
            lines += alternativeParts(boundary: boundary)
        } else {
            lines += ["Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "", "--\(boundary)"]
            lines += alternativeParts(boundary: alternatives)
            for attachment in attachments {
                lines += [
                    "--\(boundary)",
                    "Content-Type: \(attachment.mediaType)",
                    "Content-Transfer-Encoding: base64",
                    "Content-Disposition: attachment; \(Self.fileNameParameter(attachment.fileName))",
                    "",
                ]
                lines += Self.base64Lines(attachment.content)
            }
            lines.append("--\(boundary)--")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The multipart/alternative part: its header, then the plain-text and HTML versions.
    private func alternativeParts(boundary: String) -> [String] {
        var lines = ["Content-Type: multipart/alternative; boundary=\"\(boundary)\"", ""]
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines += [
                "--\(boundary)",
                "Content-Type: \(type); charset=utf-8",
                "Content-Transfer-Encoding: base64",
                "",
            ]
            lines += Self.base64Lines(Data(body.utf8))
        }
        lines.append("--\(boundary)--")
        return lines
    }

    /// `=?UTF-8?B?…?=` words when the text is not plain ASCII, each under 76 characters and never cutting a
    /// character, folded onto continuation lines.
    static func encodedWord(_ text: String) -> String {
        guard text.contains(where: { !$0.isASCII }) else { return text }
        var words: [String] = []
        var chunk = Data()
        for character in text {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// `Élodie Martin <e@x.fr>` with its name encoded; a bare address as it is.
    static func encodedMailbox(_ mailbox: String) -> String {
        guard let open = mailbox.lastIndex(of: "<") else { return mailbox }
        let name = mailbox[..<open].trimmingCharacters(in: .whitespaces)
        let address = mailbox[open...]
        guard !name.isEmpty else { return String(address) }
        if name.allSatisfy(\.isASCII) {
            let plain = name.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " }
            return (plain ? name : "\"\(name.replacingOccurrences(of: "\"", with: "\\\""))\"") + " \(address)"
        }
        return "\(encodedWord(name)) \(address)"
    }

    /// `filename="lettre.pdf"`, or RFC 2231's `filename*=UTF-8''d%C3%A9cision.pdf` for a non-ASCII name.
    static func fileNameParameter(_ name: String) -> String {
        if name.allSatisfy({ $0.isASCII && $0 != "\"" && $0 != "\\" }) { return "filename=\"\(name)\"" }
        let encoded =
            name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._")))
            ?? "piece-jointe"
        return "filename*=UTF-8''\(encoded)"
    }

    /// e.g. `Mon, 23 Nov 2026 13:05:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        rfc5322Formatter.string(from: date)
    }

    // Made once: building an ICU formatter was a twentieth of a delivery's CPU. DateFormatter is thread-safe.
    private static let rfc5322Formatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter
    }()

    /// The bare address of `Name <address>`.
    static func address(_ mailbox: String) -> String {
        guard let open = mailbox.lastIndex(of: "<"), let close = mailbox.lastIndex(of: ">"), open < close else {
            return mailbox
        }
        return String(mailbox[mailbox.index(after: open)..<close])
    }

    private static func base64Lines(_ content: Data) -> [String] {
        let encoded = Array(content.base64EncodedString())
        return stride(from: 0, to: encoded.count, by: 76).map { String(encoded[$0..<min($0 + 76, encoded.count)]) }
    }
}
