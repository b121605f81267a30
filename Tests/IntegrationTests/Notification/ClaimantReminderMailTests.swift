import Contracts
import Foundation
import Messaging
import ServiceKit
import TestSupport
import Testing

@testable import Notification

/// A claimant's reminder through the bus to the mail sink: the offer's date and the claim's link in the message.
@Suite(.enabled(if: TestEnvironment.serversAvailable && TestEnvironment.maildir != nil))
struct ClaimantReminderMailTests {
    @Test func anOfferAwaitingItsAnswerIsRemindedByEmail() async throws {
        let database = try await TestDatabase.create(migrations: [
            "notification": try NotificationService.allMigrations()
        ])
        let settings = try NotificationService.settings(
            from: TestServices(database: database).reader([
                "NOTIFICATION_HTTP_PORT": String(try ServiceProcess.freePort()),
                "PUBLIC_BASE_URL": "https://mij.example.gouv.fr",
            ])
        )
        let platform = MessagingPlatform(settings: settings.common, logger: TestDatabase.logger)
        let services = try await NotificationService.services(settings: settings, runtime: TestServices.runtime())
        let email = "rappel-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        let claim = UUID()
        try await withRunningServices([platform.client] + services) {
            try await platform.outbox.transaction(context: MessageContext(), logger: TestDatabase.logger) { _, events in
                try await events.append(
                    ClaimantReminder(
                        kind: .offerAwaiting,
                        claimId: claim,
                        reference: "BRI-20261201-0077",
                        email: email,
                        firstName: "Paul",
                        dueOn: "2026-12-15",
                        remindedAt: Date()
                    )
                )
            }
            let mailed = await eventually {
                Maildir.decodedBodies(to: email).contains {
                    $0.contains("Bonjour Paul,") && $0.contains("15 décembre 2026")
                        && $0.contains("https://mij.example.gouv.fr/demandes/\(claim.uuidString.lowercased())")
                }
            }
            #expect(mailed, "the reminder did not reach the claimant")
            #expect(
                try await database.count(
                    "SELECT count(*) FROM notification.delivery WHERE template = 'offer-reminder' AND status = 'sent'"
                ) == 1
            )
        }
        try await database.drop()
    }
}
