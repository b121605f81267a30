import Foundation
import NIOCore
import NIOExtras
import NIOPosix

/// Hands messages to a mail relay.
protocol Mailer: Sendable {
    func send(_ message: MailMessage) async throws
}

/// A minimal SMTP client on SwiftNIO: EHLO, MAIL, RCPT, DATA with dot-stuffing, QUIT.
/// STARTTLS and AUTH come with the notification issue; the local relay and the test sink need neither.
struct SMTPClient: Mailer {
    let host: String
    let port: Int
    let heloName: String
    let timeout: Duration

    /// Sends one message; throws `SMTPError.transient` (retry later) or `.permanent` (5xx: give up).
    func send(_ message: MailMessage) async throws {
        try await withDeadline { try await session(message) }
    }

    /// Readiness: the relay answers with its 220 greeting.
    func ping() async throws {
        try await withDeadline { try await session(nil) }
    }

    private func session(_ message: MailMessage?) async throws {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(5))
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPError.transient("cannot connect to the SMTP relay: \(error)")
        }
        try await channel.executeThenClose { inbound, outbound in
            var replies = inbound.makeAsyncIterator()
            func expect(_ code: Int, after command: String?) async throws {
                if let command { try await outbound.write(ByteBuffer(string: command + "\r\n")) }
                let reply = try await Self.readReply(&replies)
                guard reply.code == code else {
                    let what = command.map { String($0.prefix(4)) } ?? "greeting"
                    throw reply.code >= 500
                        ? SMTPError.permanent("\(what): \(reply.code) \(reply.text)")
                        : SMTPError.transient("\(what): \(reply.code) \(reply.text)")
                }
            }
            try await expect(220, after: nil)
            guard let message else {
                try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
                return
            }
            try await expect(250, after: "EHLO \(heloName)")
            try await expect(250, after: "MAIL FROM:<\(Self.address(message.from))>")
            try await expect(250, after: "RCPT TO:<\(Self.address(message.to))>")
            try await expect(354, after: "DATA")
            try await expect(250, after: Self.dotStuffed(message.rendered()) + ".")
            try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
        }
    }

    private func withDeadline<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await work() }
            group.addTask { [timeout] in
                try await Task.sleep(for: timeout)
                throw SMTPError.transient("SMTP relay did not answer in time")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    /// Reads a possibly multi-line reply (`250-…` continued, `250 …` last).
    private static func readReply(_ lines: inout NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) async throws
        -> (code: Int, text: String)
    {
        var texts: [String] = []
        while let line = try await lines.next() {
            let text = String(buffer: line).trimmingCharacters(in: .newlines)
            guard text.count >= 3, let code = Int(text.prefix(3)) else { throw SMTPError.transient("malformed reply") }
            texts.append(String(text.dropFirst(4)))
            if text.count == 3 || text[text.index(text.startIndex, offsetBy: 3)] == " " {
                return (code, texts.joined(separator: " "))
            }
        }
        throw SMTPError.transient("SMTP relay closed the connection")
    }

    /// The bare address of `Name <address>`.
    private static func address(_ mailbox: String) -> String {
        guard let open = mailbox.lastIndex(of: "<"), let close = mailbox.lastIndex(of: ">"), open < close else { return mailbox }
        return String(mailbox[mailbox.index(after: open)..<close])
    }

    // RFC 5321 §4.5.2: a line starting with "." gets another one.
    private static func dotStuffed(_ data: String) -> String {
        data.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
    }
}

/// Why a message was not accepted by the relay.
enum SMTPError: Error, CustomStringConvertible {
    /// Connection problems and 4xx replies: try again later.
    case transient(String)
    /// 5xx replies: the relay will never accept this message.
    case permanent(String)

    var description: String {
        switch self {
        case .transient(let why): "SMTP transient failure: \(why)"
        case .permanent(let why): "SMTP permanent failure: \(why)"
        }
    }
}
