import Foundation
import NIOCore

/// One SMTP dialogue over a connection: commands, their replies (multi-line ones folded) and what they mean.
/// A reply other than the one expected is an `SMTPError`: 5xx to the envelope or content is permanent; anything
/// else, and any failure before the envelope (greeting, TLS, authentication), is transient.
struct SMTPConversation {
    struct Reply {
        var code: Int
        var lines: [String]
        var text: String { lines.joined(separator: " ") }
    }

    /// What the relay said it supports in its EHLO reply.
    struct Capabilities {
        var keywords: [String: String]

        init(_ reply: Reply) {
            var keywords: [String: String] = [:]
            for line in reply.lines.dropFirst() {
                let parts = line.split(separator: " ", maxSplits: 1)
                guard let keyword = parts.first else { continue }
                keywords[keyword.uppercased()] = parts.count > 1 ? String(parts[1]).uppercased() : ""
            }
            self.keywords = keywords
        }

        func offers(_ keyword: String) -> Bool { keywords[keyword] != nil }

        /// The SASL mechanisms of `AUTH PLAIN LOGIN`.
        var authMechanisms: [String] { keywords["AUTH"]?.split(separator: " ").map(String.init) ?? [] }
    }

    var replies: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    /// Reads a reply and checks its code; `phase` names the step in the error.
    mutating func expect(_ code: Int, phase: String, permanentOn5xx: Bool = false) async throws {
        let reply = try await readReply()
        guard reply.code == code else { throw Self.failure(reply, phase: phase, permanentOn5xx: permanentOn5xx) }
    }

    mutating func command(_ line: String, expecting code: Int, phase: String, permanentOn5xx: Bool = true)
        async throws
    {
        try await outbound.write(ByteBuffer(string: line + "\r\n"))
        try await expect(code, phase: phase, permanentOn5xx: permanentOn5xx)
    }

    /// EHLO, and what the relay offers.
    mutating func hello(_ name: String) async throws -> Capabilities {
        try await outbound.write(ByteBuffer(string: "EHLO \(name)\r\n"))
        let reply = try await readReply()
        guard reply.code == 250 else { throw Self.failure(reply, phase: "EHLO", permanentOn5xx: false) }
        return Capabilities(reply)
    }

    /// AUTH PLAIN when offered, else AUTH LOGIN (RFC 4954). A refusal is transient: the messages wait for the
    /// credentials to be fixed rather than being given up.
    mutating func authenticate(_ credentials: (user: String, password: String), capabilities: Capabilities)
        async throws
    {
        let mechanisms = capabilities.authMechanisms
        if mechanisms.contains("PLAIN") {
            let token = Data("\0\(credentials.user)\0\(credentials.password)".utf8).base64EncodedString()
            try await command("AUTH PLAIN \(token)", expecting: 235, phase: "AUTH PLAIN", permanentOn5xx: false)
        } else if mechanisms.contains("LOGIN") {
            try await command("AUTH LOGIN", expecting: 334, phase: "AUTH LOGIN", permanentOn5xx: false)
            try await command(
                Data(credentials.user.utf8).base64EncodedString(),
                expecting: 334,
                phase: "AUTH LOGIN user",
                permanentOn5xx: false
            )
            try await command(
                Data(credentials.password.utf8).base64EncodedString(),
                expecting: 235,
                phase: "AUTH LOGIN password",
                permanentOn5xx: false
            )
        } else {
            throw SMTPError.transient("the relay offers neither AUTH PLAIN nor AUTH LOGIN")
        }
    }

    /// MAIL FROM, one RCPT TO per recipient, DATA: written at once when the relay offers PIPELINING (RFC 2920),
    /// then the replies read in order.
    mutating func envelope(from sender: String, to recipients: [String], pipelined: Bool) async throws {
        let commands =
            ["MAIL FROM:<\(sender)>"] + recipients.map { "RCPT TO:<\($0)>" } + ["DATA"]
        let expected = [250] + recipients.map { _ in 250 } + [354]
        let phases = ["MAIL FROM"] + recipients.map { _ in "RCPT TO" } + ["DATA"]
        if pipelined {
            try await outbound.write(ByteBuffer(string: commands.map { $0 + "\r\n" }.joined()))
            var firstFailure: SMTPError?
            for (code, phase) in zip(expected, phases) {
                let reply = try await readReply()
                if reply.code != code, firstFailure == nil {
                    firstFailure = Self.failure(reply, phase: phase, permanentOn5xx: true)
                }
            }
            if let firstFailure {
                // DATA may have been accepted after a refused recipient: end it without a message.
                try? await outbound.write(ByteBuffer(string: "RSET\r\n"))
                throw firstFailure
            }
        } else {
            for (command, (code, phase)) in zip(commands, zip(expected, phases)) {
                try await self.command(command, expecting: code, phase: phase)
            }
        }
    }

    /// A possibly multi-line reply (`250-…` continued, `250 …` last).
    private mutating func readReply() async throws -> Reply {
        var lines: [String] = []
        while let line = try await replies.next() {
            let text = String(buffer: line).trimmingCharacters(in: .newlines)
            guard text.count >= 3, let code = Int(text.prefix(3)) else { throw SMTPError.transient("malformed reply") }
            lines.append(String(text.dropFirst(4)))
            if text.count == 3 || text[text.index(text.startIndex, offsetBy: 3)] == " " {
                return Reply(code: code, lines: lines)
            }
        }
        throw SMTPError.transient("SMTP relay closed the connection")
    }

    /// 530, 534, 535 and 538 are about authentication or TLS (RFC 4954, 3207): the relay's setup, not the message.
    private static let setupCodes: Set<Int> = [530, 534, 535, 538]

    static func failure(_ reply: Reply, phase: String, permanentOn5xx: Bool) -> SMTPError {
        // Relays often quote the refused address back ("<jean@exemple.fr>: unknown user"): the reason is logged,
        // stored and published, so the address is blanked out of it.
        let text = reply.text.replacing(/[^\s<>"]+@[^\s<>"]+/, with: "(adresse)")
        let why = "\(phase): \(reply.code) \(text)"
        let permanent = reply.code >= 500 && permanentOn5xx && !setupCodes.contains(reply.code)
        return permanent ? .permanent(why) : .transient(why)
    }
}
