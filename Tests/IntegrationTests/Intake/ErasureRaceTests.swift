import Contracts
import Foundation
import Messaging
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Intake

/// An erasure request and the purge of the account's last claim reach intake together (instruction purges the
/// closed claims at once on the request): whichever commits second must erase the account.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct ErasureRaceTests {
    @Test func anErasureHandledWhileTheLastClaimIsBeingPurgedStillErasesTheAccount() async throws {
        let database = try await TestDatabase.create(migrations: ["intake": try IntakeService.allMigrations()])
        let test = TestServices(database: database)
        let settings = try IntakeService.settings(from: test.reader())
        let platform = MessagingPlatform(settings: settings.common, logger: TestDatabase.logger)
        let cipher = try #require(settings.bankDetailsCipher)
        let logger = TestDatabase.logger
        let owner = UUID()
        let email = "effacement-\(owner.uuidString.prefix(8).lowercased())@example.org"
        try await withRunningServices([platform.client]) {
            let client = platform.client
            let claim = try await SubmittedClaimFixture.file(
                for: owner,
                email: email,
                platform: platform,
                cipher: cipher
            )

            try await client.withConnection { purging in
                try await client.withConnection { erasing in
                    func outbox(_ connection: PostgresConnection) -> OutboxWriter {
                        OutboxWriter(
                            producer: "intake",
                            connection: connection,
                            context: MessageContext(),
                            logger: logger
                        )
                    }
                    try await purging.query("BEGIN", logger: logger)
                    try await ClaimRetentionHandler.purge(claim, on: purging, events: outbox(purging), logger: logger)
                    let erasure = Task {
                        try await erasing.query("BEGIN", logger: logger)
                        let report = try await SubjectRequestHandler.erase(
                            email,
                            request: UUID(),
                            on: erasing,
                            events: outbox(erasing),
                            logger: logger
                        )
                        try await erasing.query("COMMIT", logger: logger)
                        return report
                    }
                    // The purge commits once the erasure waits on the account it has locked (or has gone past it).
                    let waiting =
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
                    _ = await eventually(timeout: .seconds(5)) { try await database.count(waiting) > 0 }
                    try await purging.query("COMMIT", logger: logger)
                    let report = try await erasure.value
                    #expect(report.data.contains("\"account\":\"erased\""), "\(report.data)")
                }
            }
            #expect(try await database.count("SELECT count(*) FROM intake.claimant_account WHERE id = '\(owner)'") == 0)
            #expect(try await database.count("SELECT count(*) FROM intake.claim WHERE id = '\(claim)'") == 0)
        }
        try await database.drop()
    }
}
