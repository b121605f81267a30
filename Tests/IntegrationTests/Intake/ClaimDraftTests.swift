import Foundation
import Logging
import Messaging
import Persistence
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Intake

/// Claim drafts in PostgreSQL: one per account, answers kept as typed across devices, bank answers sealed from the
/// first keystroke, and a submission checked on what is stored, committed with its event.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct ClaimDraftTests {
    private static let today = Date()

    /// Runs `body` with a repository over a fresh intake database and two claimant accounts.
    private static func withRepository(
        _ body: @Sendable (PostgresClaimRepository, TestDatabase, UUID, UUID) async throws -> Void
    ) async throws {
        let database = try await TestDatabase.create(migrations: ["intake": try IntakeService.allMigrations()])
        let test = TestServices(database: database)
        let settings = try IntakeService.settings(from: test.reader())
        let platform = MessagingPlatform(settings: settings.common, logger: TestDatabase.logger)
        let repository = PostgresClaimRepository(
            outbox: platform.outbox,
            cipher: try #require(settings.bankDetailsCipher),
            logger: TestDatabase.logger
        )
        let (owner, other) = (UUID(), UUID())
        try await database.inspect { client in
            for (id, email) in [(owner, "a@example.org"), (other, "b@example.org")] {
                try await client.query(
                    "INSERT INTO intake.claimant_account (id, email, created_at) VALUES (\(id), \(email), now())",
                    logger: TestDatabase.logger
                )
            }
        }
        try await withRunningServices([platform.client]) { try await body(repository, database, owner, other) }
        try await database.drop()
    }

    /// One clean document per required type, as intake records them from `documents.document-stored`.
    @discardableResult
    private static func attachRequiredDocuments(to claim: UUID, by owner: UUID, _ database: TestDatabase) async throws
        -> [DocumentType: UUID]
    {
        var ids: [DocumentType: UUID] = [:]
        for type in ClaimForm(fields: ClaimFixtures.formJSON()).requiredDocuments {
            let id = UUID()
            ids[type] = id
            try await database.inspect { client in
                try await client.query(
                    """
                    INSERT INTO intake.claim_document (document_id, claim_id, uploaded_by, type, file_name, media_type,
                                                       size, scan_status, uploaded_at)
                    VALUES (\(id), \(claim), \(owner), \(type.rawValue), 'piece.pdf', 'application/pdf', 1000, 'clean', now())
                    """,
                    logger: TestDatabase.logger
                )
            }
        }
        return ids
    }

    @Test func anAccountHasOneDraftEvenWhenStartedTwiceAtOnce() async throws {
        try await Self.withRepository { claims, database, owner, _ in
            async let first = claims.startDraft(ClaimForm(fields: [:]), owner: owner)
            async let second = claims.startDraft(ClaimForm(fields: [:]), owner: owner)
            let ids = try await [first, second]
            let rows = try await database.count("SELECT count(*) FROM intake.claim")
            #expect(ids[0] == ids[1] && rows == 1)
        }
    }

    @Test func answersAreKeptAsTypedAndBankAnswersAreSealed() async throws {
        try await Self.withRepository { claims, database, owner, other in
            let id = try await claims.startDraft(ClaimForm(fields: ["statut": "locataire"]), owner: owner)
            var form = try #require(try await claims.claim(id, owner: owner)).form
            form.update(.identity, from: ["firstName": "Élodie", "residencePostalCode": "750"])
            form.update(.bank, from: ["iban": "FR76 3000 6000 0112 3456 7890 189", "accountHolder": "Élodie Martin"])
            #expect(try await claims.saveDraft(id, owner: owner, form: form))

            // Another device: a new read from the database.
            let resumed = try #require(try await claims.claim(id, owner: owner))
            #expect(resumed.isDraft && resumed.form == form, "invalid answers are kept too")
            #expect(resumed.form.eligibility.relation == .tenant)
            let inClear = try await database.count(
                "SELECT count(*) FROM intake.claim WHERE answers::text LIKE '%3000%' OR answers::text LIKE '%Élodie Martin%'"
                    + " OR position('3000'::bytea in bank_details_sealed) > 0"
            )
            #expect(inClear == 0, "bank answers never reach the database in clear")
            #expect(try await claims.claim(id, owner: other) == nil, "another account does not see the draft")
            #expect(try await !claims.saveDraft(id, owner: other, form: ClaimForm(fields: [:])))
        }
    }

    @Test func anIncompleteDraftStaysADraftAndAnotherAccountCannotSubmitIt() async throws {
        try await Self.withRepository { claims, database, owner, other in
            var fields = ClaimFixtures.formJSON()
            fields["iban"] = "FR7630006000011234567890188"
            let id = try await claims.startDraft(ClaimForm(fields: fields), owner: owner)
            let incomplete = try await claims.submitDraft(
                id,
                owner: owner,
                today: Self.today,
                context: MessageContext()
            )
            guard case .incomplete(let problems, let missing) = incomplete else {
                Issue.record("expected the draft to be incomplete, got \(incomplete)")
                return
            }
            #expect(Array(problems.keys) == [.bank] && problems[.bank]?[.iban] != nil)
            #expect(missing == ClaimForm(fields: fields).requiredDocuments, "no document sent yet")
            let foreign = try await claims.submitDraft(id, owner: other, today: Self.today, context: MessageContext())
            #expect(foreign == .unavailable)
            #expect(try await database.count("SELECT count(*) FROM intake.outbox") == 0)
            #expect(try await database.count("SELECT count(*) FROM intake.claim WHERE status = 'A_FINALISER'") == 1)
        }
    }

    @Test func aCompleteDraftIsSubmittedWithItsReferenceAndEventOnce() async throws {
        try await Self.withRepository { claims, database, owner, _ in
            let id = try await claims.startDraft(ClaimForm(fields: ClaimFixtures.formJSON()), owner: owner)
            try await Self.attachRequiredDocuments(to: id, by: owner, database)
            let outcome = try await claims.submitDraft(id, owner: owner, today: Self.today, context: MessageContext())
            guard case .submitted(let submitted) = outcome else {
                Issue.record("expected a submission, got \(outcome)")
                return
            }
            #expect(submitted.ibanSuffix == "0189")
            let again = try await claims.submitDraft(id, owner: owner, today: Self.today, context: MessageContext())
            #expect(again == .unavailable, "a claim is submitted once")
            #expect(try await !claims.saveDraft(id, owner: owner, form: ClaimForm(fields: [:])))

            let stored = try #require(try await claims.claim(id, owner: owner))
            #expect(stored.status == "A_ATTRIBUER" && stored.reference == submitted.reference)
            #expect(stored.form.bankDetails.iban == "FR7630006000011234567890189", "sealed normalised, opened back")
            #expect(try await database.count("SELECT claimed_amount_cents FROM intake.claim") == 125_050)
            let payload = try await database.inspect { client in
                let rows = try await client.query("SELECT payload FROM intake.outbox", logger: TestDatabase.logger)
                return try await rows.decode(String.self).reduce(into: [String]()) { $0.append($1) }
            }
            #expect(payload.count == 1)
            #expect(payload.first?.contains("\"claimedAmountCents\":125050") == true)
            #expect(payload.first?.contains("\"code\":\"locataire\"") == true)
            #expect(payload.first?.contains("3000") == false, "bank details never travel on the bus")
            let mine = try await claims.claims(ownedBy: owner)
            #expect(mine.map(\.reference) == [submitted.reference])
        }
    }

    @Test func aWithdrawnUploadNoLongerCountsAndItsDeletionIsAskedOnce() async throws {
        try await Self.withRepository { claims, database, owner, other in
            let id = try await claims.startDraft(ClaimForm(fields: ClaimFixtures.formJSON()), owner: owner)
            let documents = try await Self.attachRequiredDocuments(to: id, by: owner, database)
            let invoice = try #require(documents[.invoice])
            #expect(try await !claims.withdrawDocument(invoice, claim: id, owner: other, context: MessageContext()))
            #expect(try await claims.withdrawDocument(invoice, claim: id, owner: owner, context: MessageContext()))
            #expect(try await !claims.withdrawDocument(invoice, claim: id, owner: owner, context: MessageContext()))
            let withdrawals = "SELECT count(*) FROM intake.outbox WHERE event_name = 'intake.document-withdrawn'"
            #expect(try await database.count(withdrawals) == 1)
            let outcome = try await claims.submitDraft(id, owner: owner, today: Self.today, context: MessageContext())
            #expect(outcome == .incomplete([:], missingDocuments: [.invoice]))
            #expect(try await claims.documents(of: id, owner: other).isEmpty, "another account sees none")
        }
    }

    @Test func aNewDraftCanStartOnceThePreviousOneIsSubmitted() async throws {
        try await Self.withRepository { claims, database, owner, _ in
            let first = try await claims.startDraft(ClaimForm(fields: ClaimFixtures.formJSON()), owner: owner)
            try await Self.attachRequiredDocuments(to: first, by: owner, database)
            _ = try await claims.submitDraft(first, owner: owner, today: Self.today, context: MessageContext())
            let second = try await claims.startDraft(ClaimForm(fields: [:]), owner: owner)
            #expect(second != first)
            #expect(try await claims.claims(ownedBy: owner).map(\.status) == ["A_FINALISER", "A_ATTRIBUER"])
        }
    }
}
