import Contracts
import Foundation
import Messaging
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Intake

/// Reminders to claimants with the clock moved forward: a draft left alone a week (again after each new week of
/// silence, never while it is worked on), a request for information due within two days and an offer due within a
/// week (once each); nothing early, nothing twice.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct ClaimantReminderTests {
    @Test func eachReminderComesOnTimeAndOnce() async throws {
        let database = try await TestDatabase.create(migrations: ["intake": try IntakeService.allMigrations()])
        let settings = try IntakeService.settings(from: TestServices(database: database).reader())
        let platform = MessagingPlatform(settings: settings.common, logger: TestDatabase.logger)
        let clock = ManualClock()
        try await withRunningServices([platform.client]) {
            let client = platform.client
            let account = UUID()
            try await client.query(
                "INSERT INTO claimant_account (id, email, created_at, email_verified_at) VALUES (\(account), 'a@example.org', now(), now())",
                logger: TestDatabase.logger
            )
            let claims = PostgresClaimRepository(
                outbox: platform.outbox,
                cipher: try #require(settings.bankDetailsCipher),
                logger: TestDatabase.logger,
                clock: clock.now
            )
            var form = ClaimForm(fields: [:])
            form[.firstName] = "Élodie"
            let draft = try await claims.startDraft(form, owner: account)
            let scheduler = ClaimantReminderScheduler(
                outbox: platform.outbox,
                logger: TestDatabase.logger,
                clock: clock.now
            )
            func reminders() async throws -> [ClaimantReminder] {
                try await client.outboxEvents(ClaimantReminder.self, logger: TestDatabase.logger)
            }

            clock.advance(by: 6 * 86_400)
            #expect(try await scheduler.tick() == 0, "not before a week")
            clock.advance(by: 2 * 86_400)
            #expect(try await scheduler.tick() == 1)
            #expect(try await scheduler.tick() == 0, "once")
            let first = try #require(try await reminders().first)
            #expect(first.kind == .draftIdle && first.claimId == draft && first.email == "a@example.org")
            #expect(first.firstName == "Élodie" && first.reference == nil)

            // The claimant comes back the next day, then leaves it again for a week: reminded again.
            clock.advance(by: 86_400)
            _ = try await claims.saveDraft(draft, owner: account, form: form)
            clock.advance(by: 8 * 86_400)
            #expect(try await scheduler.tick() == 1)

            // A submitted claim with a request for information and an offer, both due later.
            let today = ParisTime.isoDay(of: clock.now())
            let submitted = UUID()
            try await client.query(
                """
                INSERT INTO claim (id, reference, status, claimant_first_name, claimant_email, created_at, updated_at,
                                   submitted_at)
                VALUES (\(submitted), 'BRI-20261201-0009', 'EN_INSTRUCTION', 'Paul', 'paul@example.org', now(), now(), now())
                """,
                logger: TestDatabase.logger
            )
            try await client.query(
                """
                INSERT INTO information_request (id, claim_id, document_types, message, due_on, requested_at)
                VALUES (\(UUID()), \(submitted), '{facture}', 'La facture', \(today)::date + 5, now())
                """,
                logger: TestDatabase.logger
            )
            try await client.query(
                """
                INSERT INTO decision (claim_id, kind, amount_cents, letter, answer_by, decided_at)
                VALUES (\(submitted), 'offer', 120000, '{}', \(today)::date + 10, now())
                """,
                logger: TestDatabase.logger
            )
            #expect(try await scheduler.tick() == 0, "nothing due yet")
            clock.advance(by: 3 * 86_400)  // the request is due in two days, the offer in seven
            #expect(try await scheduler.tick() == 2)
            #expect(try await scheduler.tick() == 0)
            let due = try await reminders().filter { $0.claimId == submitted }
            #expect(Set(due.map(\.kind)) == [.informationDue, .offerAwaiting])
            #expect(due.allSatisfy { $0.email == "paul@example.org" && $0.reference == "BRI-20261201-0009" })
            #expect(
                due.first { $0.kind == .offerAwaiting }?.dueOn
                    == ParisTime.isoDay(of: clock.now().addingTimeInterval(7 * 86_400))
            )
        }
        try await database.drop()
    }
}
