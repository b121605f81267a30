import Contracts
import Foundation
import Hummingbird
import Messaging
import NIOCore
import NIOFoundationCompat
import PostgresNIO
import ServiceKit
import Synchronization
import TestSupport
import Testing

@testable import Notification

/// Text messages through a provider's HTTP API (a local stand-in records what it receives): the occupant's
/// invitation besides the e-mail, and the confirmation code of a mobile-only occupant; each sent once, logged
/// without the number, and a number the provider refuses is logged as failed and announced, without blocking.
@Suite(.enabled(if: TestEnvironment.serversAvailable && TestEnvironment.maildir != nil))
struct SMSInvitationTests {
    /// What the stand-in received: the bearer token and the JSON body of each message.
    final class Received: Sendable {
        let messages = Mutex<[(authorization: String, body: [String: String])]>([])
    }

    @Test func anOccupantWithAMobileNumberIsInvitedBySMSAndARefusedNumberIsLogged() async throws {
        let received = Received()
        let smsPort = try ServiceProcess.freePort()
        let gateway = Router()
        gateway.post("/sms") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 16)
            let fields = try JSONDecoder().decode([String: String].self, from: Data(buffer: body))
            received.messages.withLock {
                $0.append((request.headers[.authorization] ?? "", fields))
            }
            return Response(status: fields["to"] == "+33600000000" ? .badRequest : .accepted)
        }
        let standIn = Application(router: gateway, configuration: .init(address: .hostname("127.0.0.1", port: smsPort)))

        let database = try await TestDatabase.create(migrations: [
            "notification": try NotificationService.allMigrations()
        ])
        let settings = try NotificationService.settings(
            from: TestServices(database: database).reader([
                "SMS_GATEWAY_URL": "http://127.0.0.1:\(smsPort)/sms", "SMS_GATEWAY_TOKEN": "jeton-sms",
                "NOTIFICATION_HTTP_PORT": String(try ServiceProcess.freePort()),
                "PUBLIC_BASE_URL": "https://mij.example.gouv.fr",
            ])
        )
        let platform = MessagingPlatform(settings: settings.common, logger: TestDatabase.logger)
        let services = try await NotificationService.services(settings: settings, runtime: TestServices.runtime())
        try await withRunningServices([standIn, platform.client] + services) {
            var invited = DeclarationFixtures.submitted(email: "occupant-sms@example.org")
            invited.occupant?.phone = "+33612345678"
            var refused = DeclarationFixtures.submitted(code: "ABCD-EFGH", email: nil)
            refused.occupant?.phone = "+33600000000"
            // Published as liaison would; here through notification's own outbox and relay.
            try await platform.outbox.transaction(context: MessageContext(), logger: TestDatabase.logger) { _, events in
                try await events.append(invited)
                try await events.append(refused)
                try await events.append(
                    AttachConfirmationRequested(
                        email: nil,
                        phone: "+33699999999",
                        confirmationCode: "482915",
                        expiresAt: Date().addingTimeInterval(900)
                    )
                )
            }
            // Three text messages and the invitation's e-mail settled, each announced once its event committed.
            let delivered = await eventually {
                let settled = try await database.count(
                    "SELECT count(*) FROM notification.delivery WHERE status IN ('sent', 'failed')"
                )
                let announced = try await database.count(
                    """
                    SELECT count(*) FROM notification.outbox
                    WHERE event_name IN ('notification.notification-sent', 'notification.notification-failed')
                    """
                )
                return settled == 4 && announced == 4
            }
            #expect(delivered, "the three text messages and the e-mail were not all handed over")
        }
        let messages = received.messages.withLock { $0 }
        let sent = try #require(messages.first { $0.body["to"] == "+33612345678" })
        #expect(sent.authorization == "Bearer jeton-sms" && sent.body["from"] == "MIJUSTICE")
        let text = sent.body["text"] ?? ""
        #expect(text.contains("KX7P-M2QR") && text.contains("https://mij.example.gouv.fr/rattachement?code=KX7PM2QR"))
        #expect(!text.contains("Brigade") && !text.contains("2026-000123"), "nothing confidential")
        #expect(messages.count == 3, "each message handed over once")
        let confirmation = try #require(messages.first { $0.body["to"] == "+33699999999" })
        #expect(confirmation.body["text"]?.contains("votre code de confirmation est 482915") == true)
        #expect(
            try await database.count(
                "SELECT count(*) FROM notification.delivery WHERE channel = 'sms' AND status = 'failed' AND error LIKE '%400%'"
            ) == 1
        )
        #expect(
            try await database.count(
                "SELECT count(*) FROM notification.delivery WHERE recipient_sha256 LIKE '+33%'"
            ) == 0,
            "numbers are kept hashed"
        )
        #expect(
            try await database.count(
                "SELECT count(*) FROM notification.outbox WHERE event_name = 'notification.notification-failed'"
            ) == 1
        )
        #expect(
            Maildir.decodedBodies(to: "occupant-sms@example.org").contains { $0.contains("KX7P-M2QR") },
            "the e-mail is sent too"
        )
        try await database.drop()
    }
}
