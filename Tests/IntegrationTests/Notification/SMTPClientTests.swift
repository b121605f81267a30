import Foundation
import TestSupport
import Testing

@testable import Notification

/// The SMTP client against a relay that behaves like a transactional provider (aiosmtpd on loopback): STARTTLS
/// with the relay's certificate verified, AUTH PLAIN or LOGIN, the envelope pipelined to two recipients, a PDF
/// attached; a relay that answers 4xx then accepts; refusals that are the setup's, not the message's.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct SMTPClientTests {
    private static let letter = Data("%PDF-1.4\n% décision signée\n%%EOF\n".utf8)

    private static func message(_ id: String) -> MailMessage {
        MailMessage(
            from: "Mon Indemnisation Justice <ne-pas-repondre@justice.example>",
            to: "Élodie Martin <elodie@example.org>",
            copies: ["conseil@example.org"],
            subject: "Décision sur votre demande BRI-20261201-0001 : proposition d’indemnisation à examiner",
            text: "Bonjour Élodie,\n.ligne qui commence par un point\n",
            html: "<p>Bonjour Élodie,</p>",
            messageId: "\(id)@justice.example",
            attachments: [.init(fileName: "décision.pdf", mediaType: "application/pdf", content: letter)]
        )
    }

    private static func client(
        _ relay: SMTPRelayStandIn,
        password: String = SMTPRelayStandIn.password,
        trusted: Bool = true
    )
        -> SMTPClient
    {
        SMTPClient(
            .init(
                host: "localhost",
                port: relay.port,
                security: .startTLS,
                credentials: (SMTPRelayStandIn.user, password),
                trustedCAFile: trusted ? relay.certificate : nil,
                timeout: .seconds(10)
            )
        )
    }

    private static func withRelay(
        mechanisms: String = "PLAIN,LOGIN",
        failFirst: Int = 0,
        _ body: (SMTPRelayStandIn) async throws -> Void
    ) async throws {
        let relay = try SMTPRelayStandIn(mechanisms: mechanisms, failFirst: failFirst)
        do {
            #expect(await relay.waitUntilReady(), "the relay stand-in did not start")
            try await body(relay)
        } catch {
            await relay.stop()
            throw error
        }
        await relay.stop()
    }

    @Test func aMessageGoesOverSTARTTLSAuthenticatedToBothRecipientsWithItsAttachment() async throws {
        try await Self.withRelay { relay in
            try await Self.client(relay).send(Self.message("m1"))
            let (raw, details) = try relay.message(1)
            #expect(details["tls"] as? Bool == true && details["login"] as? String == SMTPRelayStandIn.user)
            #expect(details["mail_from"] as? String == "ne-pas-repondre@justice.example")
            #expect(details["rcpt_tos"] as? [String] == ["elodie@example.org", "conseil@example.org"])
            #expect(raw.contains("Message-ID: <m1@justice.example>") && raw.contains("Cc: conseil@example.org"))
            #expect(raw.contains("To: =?UTF-8?B?") && raw.contains("<elodie@example.org>"), "the name is encoded")
            #expect(raw.contains("Content-Type: multipart/mixed;"))
            #expect(raw.contains("Content-Disposition: attachment; filename*=UTF-8''d%C3%A9cision.pdf"))
            #expect(raw.contains(Self.letter.base64EncodedString()), "the PDF travels whole")
            #expect(raw.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 })
        }
    }

    @Test func aRelayOfferingOnlyLoginIsAnsweredWithLogin() async throws {
        try await Self.withRelay(mechanisms: "LOGIN") { relay in
            try await Self.client(relay).send(Self.message("m2"))
            #expect(try relay.message(1).details["login"] as? String == SMTPRelayStandIn.user)
        }
    }

    @Test func aTemporaryRefusalIsTransientAndTheNextAttemptGoesThrough() async throws {
        try await Self.withRelay(failFirst: 1) { relay in
            await #expect {
                try await Self.client(relay).send(Self.message("m3"))
            } throws: { error in
                guard case SMTPError.transient(let why) = error else { return false }
                return why.contains("451")
            }
            try await Self.client(relay).send(Self.message("m3"))
            #expect(try relay.message(1).raw.contains("Message-ID: <m3@justice.example>"))
        }
    }

    @Test func wrongCredentialsAnUntrustedCertificateOrNoTLSWaitForTheSetupToBeFixed() async throws {
        try await Self.withRelay { relay in
            for (client, expected) in [
                (Self.client(relay, password: "faux"), "535"),
                (Self.client(relay, trusted: false), "certificate"),
                (
                    SMTPClient(.init(host: "localhost", port: relay.port, security: .none, timeout: .seconds(10))),
                    "530"
                ),
            ] {
                await #expect("a failure naming \(expected)") {
                    try await client.send(Self.message("m4"))
                } throws: { error in
                    guard case SMTPError.transient(let why) = error else { return false }
                    return why.lowercased().contains(expected)
                }
            }
            #expect(!FileManager.default.fileExists(atPath: relay.out.appendingPathComponent("1.eml").path))
        }
    }
}
