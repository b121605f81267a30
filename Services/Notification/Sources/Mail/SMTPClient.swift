import Foundation
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL

/// Hands messages to a mail relay.
protocol Mailer: Sendable {
    func send(_ message: MailMessage) async throws
}

/// An SMTP client on SwiftNIO for a real relay (a local one, or the State's transactional provider): EHLO, STARTTLS
/// or implicit TLS with the relay's certificate verified, AUTH PLAIN or LOGIN, the envelope pipelined when the relay
/// offers PIPELINING, DATA with dot-stuffing, QUIT. One connection per message.
struct SMTPClient: Mailer {
    /// How the connection is protected.
    enum Security: String, Sendable {
        /// Plain text: a relay on the same host or network (the development sink).
        case none
        /// Plain connection upgraded with STARTTLS, which the relay must offer (port 587).
        case startTLS = "starttls"
        /// TLS from the first byte (port 465).
        case tls
    }

    struct Configuration: Sendable {
        var host: String
        var port: Int
        var heloName: String = "mij-notification"
        var security: Security = .none
        /// AUTH credentials, when the relay requires them (only ever sent over TLS).
        var credentials: (user: String, password: String)? = nil
        /// A PEM file of certificate authorities to trust besides the system's (a private relay's).
        var trustedCAFile: String? = nil
        var timeout: Duration = .seconds(30)
    }

    let configuration: Configuration

    init(_ configuration: Configuration) {
        self.configuration = configuration
    }

    /// Sends one message; throws `SMTPError.transient` (retry later) or `.permanent` (5xx to the envelope or the
    /// content: the relay will never accept it).
    func send(_ message: MailMessage) async throws {
        try await withDeadline { try await session(message) }
    }

    /// Readiness: the relay answers with its 220 greeting (over TLS when it is implicit).
    func ping() async throws {
        try await withDeadline { try await session(nil) }
    }

    /// Whatever else fails (TLS handshake, certificate, connection lost) is transient.
    private func session(_ message: MailMessage?) async throws {
        do {
            try await converse(message)
        } catch let error as SMTPError {
            throw error
        } catch {
            throw SMTPError.transient("\(error)")
        }
    }

    private func converse(_ message: MailMessage?) async throws {
        let channel = try await connect()
        try await channel.executeThenClose { inbound, outbound in
            var conversation = SMTPConversation(replies: inbound.makeAsyncIterator(), outbound: outbound)
            try await conversation.expect(220, phase: "greeting")
            guard let message else {
                try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
                return
            }
            var capabilities = try await conversation.hello(configuration.heloName)
            if configuration.security == .startTLS {
                guard capabilities.offers("STARTTLS") else {
                    throw SMTPError.transient("the relay does not offer STARTTLS, which the configuration requires")
                }
                try await conversation.command("STARTTLS", expecting: 220, phase: "STARTTLS")
                try await channel.channel.eventLoop.submit {
                    try channel.channel.pipeline.syncOperations.addHandler(try tlsHandler(), position: .first)
                }.get()
                capabilities = try await conversation.hello(configuration.heloName)
            }
            if let credentials = configuration.credentials {
                guard configuration.security != .none else {
                    throw SMTPError.transient("SMTP credentials are only sent over TLS: set SMTP_SECURITY")
                }
                try await conversation.authenticate(credentials, capabilities: capabilities)
            }
            try await conversation.envelope(
                from: message.envelopeSender,
                to: message.recipients,
                pipelined: capabilities.offers("PIPELINING")
            )
            try await conversation.command(
                Self.dotStuffed(message.rendered()) + ".",
                expecting: 250,
                phase: "message content"
            )
            try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
        }
    }

    private func connect() async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        let implicitTLS = configuration.security == .tls
        do {
            return try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(5))
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if implicitTLS { try channel.pipeline.syncOperations.addHandler(try tlsHandler()) }
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPError.transient("cannot connect to the SMTP relay: \(error)")
        }
    }

    /// The relay's certificate is verified against the system's authorities (and `trustedCAFile`), for its name.
    private func tlsHandler() throws -> NIOSSLClientHandler {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if let file = configuration.trustedCAFile {
            tls.additionalTrustRoots = [.file(file)]
        }
        let context = try NIOSSLContext(configuration: tls)
        // SNI and name verification need a name; an IP address is checked against the certificate's IP entries.
        let isAddress = configuration.host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" }
        return try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : configuration.host)
    }

    private func withDeadline<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await work() }
            group.addTask { [timeout = configuration.timeout] in
                try await Task.sleep(for: timeout)
                throw SMTPError.transient("SMTP relay did not answer in time")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    // RFC 5321 §4.5.2: a line starting with "." gets another one.
    private static func dotStuffed(_ data: String) -> String {
        data.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
    }
}

/// Why a message was not accepted by the relay.
enum SMTPError: Error, CustomStringConvertible {
    /// Connection, TLS and authentication problems, and 4xx replies: try again later.
    case transient(String)
    /// 5xx replies to the envelope or the content: the relay will never accept this message.
    case permanent(String)

    var description: String {
        switch self {
        case .transient(let why): "SMTP transient failure: \(why)"
        case .permanent(let why): "SMTP permanent failure: \(why)"
        }
    }
}
