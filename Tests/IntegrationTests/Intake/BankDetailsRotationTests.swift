import Foundation
import Messaging
import Persistence
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Intake

/// A rotation of the key that seals bank details at rest: the new key current, the old one kept as previous, the
/// drafts still read; `rekey` seals them again so the old key can go.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct BankDetailsRotationTests {
    @Test func draftsSealedWithTheOldKeyAreReadThenSealedAgainWithTheNewOne() async throws {
        let database = try await TestDatabase.create(migrations: ["intake": try IntakeService.allMigrations()])
        let test = TestServices(database: database)
        let settings = try IntakeService.settings(from: test.reader())
        let old = try #require(settings.bankDetailsCipher)
        let newKey = Data((0..<32).map { UInt8($0) }).base64EncodedString()
        let rotated = try IntakeService.settings(
            from: test.reader([
                "INTAKE_BANK_DETAILS_KEY": newKey, "INTAKE_BANK_DETAILS_KEY_ID": "k2",
                "INTAKE_BANK_DETAILS_PREVIOUS_KEYS":
                    "\(old.keyId):\(test.reader().string("intake.bank.details.key", default: "", secret: true))",
            ])
        )
        let current = try #require(rotated.bankDetailsCipher)
        let platform = MessagingPlatform(settings: settings.common, logger: TestDatabase.logger)
        let owner = UUID()
        try await database.inspect { client in
            try await client.query(
                "INSERT INTO intake.claimant_account (id, email, created_at) VALUES (\(owner), 'r@example.org', now())",
                logger: TestDatabase.logger
            )
        }
        try await withRunningServices([platform.client]) {
            let before = PostgresClaimRepository(outbox: platform.outbox, cipher: old, logger: TestDatabase.logger)
            let form = ClaimForm(fields: ["iban": "FR7630006000011234567890189", "statut": "locataire"])
            let draft = try await before.startDraft(form, owner: owner)

            let after = PostgresClaimRepository(outbox: platform.outbox, cipher: current, logger: TestDatabase.logger)
            #expect(try await after.claim(draft, owner: owner)?.form[.iban] == "FR7630006000011234567890189")
            let resealed = try await BankDetailsRekey(
                client: platform.client,
                cipher: current,
                logger: TestDatabase.logger
            )
            .run()
            #expect(resealed == 1)
            #expect(
                try await BankDetailsRekey(client: platform.client, cipher: current, logger: TestDatabase.logger).run()
                    == 0
            )
            var alone = current
            alone.previous = []
            let newOnly = PostgresClaimRepository(outbox: platform.outbox, cipher: alone, logger: TestDatabase.logger)
            #expect(try await newOnly.claim(draft, owner: owner)?.form[.iban] == "FR7630006000011234567890189")
            let keyIds = try await database.count("SELECT count(*) FROM intake.claim WHERE bank_details_key_id = 'k2'")
            #expect(keyIds == 1)
        }
        try await database.drop()
    }
}
