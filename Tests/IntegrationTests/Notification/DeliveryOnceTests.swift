import Contracts
import Foundation
import Messaging
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Notification

/// A message is handed to the relay once per event and recipient: when the relay refuses the second of three
/// messages of one event for a while, the event is retried and the first recipient does not get it twice.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct DeliveryOnceTests {
    @Test func aRetriedEventSendsOnlyWhatWasNotSentYet() async throws {
        let relay = try SMTPRelayStandIn(failAt: 2)
        do {
            #expect(await relay.waitUntilReady(), "the relay stand-in did not start")
            try await Self.run(against: relay)
        } catch {
            await relay.stop()
            throw error
        }
        await relay.stop()
    }

    private static func run(against relay: SMTPRelayStandIn) async throws {
        let database = try await TestDatabase.create(migrations: [
            "notification": try NotificationService.allMigrations()
        ])
        let settings = try NotificationService.settings(
            from: TestServices(database: database).reader([
                "SMTP_HOST": "localhost", "SMTP_PORT": String(relay.port), "SMTP_SECURITY": "starttls",
                "SMTP_USER": SMTPRelayStandIn.user, "SMTP_PASSWORD": SMTPRelayStandIn.password,
                "SMTP_TLS_CA_FILE": relay.certificate, "NOTIFICATION_HTTP_PORT": String(try ServiceProcess.freePort()),
            ])
        )
        let platform = MessagingPlatform(settings: settings.common, logger: TestDatabase.logger)
        let services = try await NotificationService.services(settings: settings, runtime: TestServices.runtime())
        let signers = (1...3).map {
            AgentContact(agentId: UUID(), displayName: "Validateur \($0)", email: "validateur-\($0)@agents.test")
        }
        try await withRunningServices([platform.client] + services) {
            try await platform.outbox.transaction(context: MessageContext(), logger: TestDatabase.logger) { _, events in
                try await events.append(
                    SignatureRequested(
                        claimId: UUID(),
                        reference: "BRI-20261201-0042",
                        subject: .offer,
                        signers: signers,
                        requestedAt: Date()
                    )
                )
            }
            let sent = await eventually {
                try await database.count("SELECT count(*) FROM notification.delivery WHERE status = 'sent'") == 3
            }
            #expect(sent, "the three validators were not all told")
            let announced = await eventually {
                try await database.count(
                    "SELECT count(*) FROM notification.outbox WHERE event_name = 'notification.notification-sent'"
                ) == 3
            }
            #expect(announced, "each delivery is announced once the event commits")
        }
        #expect(relay.acceptedCount == 3, "a recipient got the message twice")
        let recipients = try (1...3).flatMap { try relay.message($0).details["rcpt_tos"] as? [String] ?? [] }
        #expect(Set(recipients) == Set(signers.map(\.email)) && recipients.count == 3)
        try await database.drop()
    }

    /// The log is kept no longer than an account: rows past RETENTION_ACCOUNT_DAYS go, younger ones stay.
    @Test func theDeliveryLogIsTrimmedAfterTheRetention() async throws {
        let database = try await TestDatabase.create(migrations: [
            "notification": try NotificationService.allMigrations()
        ])
        let settings = try NotificationService.settings(from: TestServices(database: database).reader())
        let platform = MessagingPlatform(settings: settings.common, logger: TestDatabase.logger)
        try await withRunningServices([platform.client]) {
            for days in [731, 10] {
                try await platform.client.query(
                    """
                    INSERT INTO delivery (id, source_event_id, template, channel, recipient_sha256, status, created_at)
                    VALUES (\(UUID()), \(UUID()), 'account-verification', 'email', 'hash', 'sent',
                            \(Date().addingTimeInterval(-Double(days) * 86_400)))
                    """,
                    logger: TestDatabase.logger
                )
            }
            let retention = DeliveryLogRetention(
                client: platform.client,
                policy: settings.common.retention,
                logger: TestDatabase.logger
            )
            #expect(try await retention.trim() == 1)
            #expect(try await database.count("SELECT count(*) FROM notification.delivery") == 1)
            #expect(try await database.count("SELECT count(*) FROM notification.retention_log") == 1)
        }
        try await database.drop()
    }
}
