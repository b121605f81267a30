import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
import Messaging
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Intake

/// A claimant attaches the investigators' declaration with its code against real PostgreSQL: the confirmation sent
/// to the declared occupant, the draft pre-filled and linked once, and codes that cannot be guessed or reused.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct DeclarationAttachTests {
    struct Portal: Sendable {
        var client: any TestClientProtocol
        var database: TestDatabase
        var platform: MessagingPlatform

        /// A claimant account signed in, as the browser holds it.
        func claimant(_ email: String) async throws -> PortalSession {
            let id = UUID()
            try await platform.client.query(
                """
                INSERT INTO claimant_account (id, email, created_at, email_verified_at)
                VALUES (\(id), \(email), now(), now())
                """,
                logger: TestDatabase.logger
            )
            return try await PortalSession.open(
                for: id,
                cookie: "mij-session",
                client: platform.client,
                logger: TestDatabase.logger
            )
        }

        /// Files a declaration as `liaison.declaration-submitted` would.
        func declaration(
            email: String?,
            phone: String? = nil,
            code: String = "KX7P-M2QR",
            expires: Date = Date().addingTimeInterval(86_400)
        ) async throws -> DeclarationSubmitted {
            var event = DeclarationFixtures.submitted(code: code, email: email, expires: expires)
            event.occupant?.phone = phone
            try await platform.client.withConnection { connection in
                try await DeclarationSubmittedHandler.record(event, on: connection, logger: TestDatabase.logger)
            }
            return event
        }

        func events<E: EventContract>(_ type: E.Type) async throws -> [E] {
            try await platform.client.outboxEvents(type, logger: TestDatabase.logger)
        }
    }

    private static func withPortal(_ body: @Sendable (Portal) async throws -> Void) async throws {
        let database = try await TestDatabase.create(migrations: ["intake": try IntakeService.allMigrations()])
        let settings = try IntakeService.settings(from: TestServices(database: database).reader())
        let platform = MessagingPlatform(settings: settings.common, logger: TestDatabase.logger)
        let router = try IntakeService.router(settings: settings, platform: platform, runtime: TestServices.runtime())
        let app = Application(router: router)
        try await withRunningServices([platform.client]) {
            try await app.test(.router) { client in
                try await body(Portal(client: client, database: database, platform: platform))
            }
        }
        try await database.drop()
    }

    @Test func theOccupantConfirmsWithTheCodeSentToTheDeclaredAddressAndGetsAPrefilledDraft() async throws {
        try await Self.withPortal { portal in
            let declaration = try await portal.declaration(email: "lucie.bernard@example.org")
            let me = try await portal.claimant("lucie@example.org")
            let form = try await portal.client.get("/rattachement?code=KX7PM2QR", as: me)
            #expect(form.status == .ok && form.text.contains("value=\"KX7PM2QR\""))

            let unknown = try await portal.client.post("/rattachement", as: me, [("code", "KX7P-M2QA")])
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains("Ce code est inconnu, a expiré ou a déjà servi"))
            let malformed = try await portal.client.post("/rattachement", as: me, [("code", "12")])
            #expect(malformed.text.contains("Le code comporte 8 lettres et chiffres"))

            let asked = try await portal.client.post("/rattachement", as: me, [("code", " kx7p-m2qr ")])
            let confirmationPath = "/rattachement/\(declaration.declarationId.uuidString.lowercased())"
            #expect(asked.status == .seeOther && asked.headers[.location] == confirmationPath)
            let sent = try #require(try await portal.events(AttachConfirmationRequested.self).first)
            #expect(sent.email == "lucie.bernard@example.org" && sent.confirmationCode.count == 6)

            let wrongCode = sent.confirmationCode == "000000" ? "111111" : "000000"
            let wrong = try await portal.client.post(confirmationPath, as: me, [("confirmation", wrongCode)])
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("il vous reste 4 essais"))
            #expect(try await portal.database.count("SELECT count(*) FROM intake.claim") == 0, "nothing attached yet")

            let anonymous = try await portal.client.get("/rattachement?code=KX7PM2QR", as: nil)
            #expect(
                anonymous.status == .seeOther && anonymous.headers[.location]?.hasPrefix("/connexion?retour=") == true
            )
            let intruder = try await portal.claimant("intrus@example.org")
            let stolen = try await portal.client.post(
                confirmationPath,
                as: intruder,
                [("confirmation", sent.confirmationCode)]
            )
            #expect(
                stolen.status == .unprocessableContent,
                "the confirmation is bound to the account that asked for it"
            )

            let confirmed = try await portal.client.post(
                confirmationPath,
                as: me,
                [("confirmation", sent.confirmationCode)]
            )
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.headers[.location]?.hasPrefix("/demandes/") == true)
            let linked = try #require(try await portal.events(DeclarationLinked.self).first)
            #expect(linked.declarationId == declaration.declarationId)
            let claims = PostgresClaimRepository(
                outbox: portal.platform.outbox,
                cipher: try #require(
                    try IntakeService.settings(from: TestServices(database: portal.database).reader()).bankDetailsCipher
                ),
                logger: TestDatabase.logger
            )
            let draft = try #require(try await claims.claim(linked.claimId, owner: me.id))
            #expect(draft.form[.doorBreakDate] == "2026-11-17" && draft.form[.streetAddress] == "12 rue Garibaldi")
            #expect(draft.form[.lastName] == "Bernard" && draft.form[.force] == "GN" && draft.form[.civility] == "MME")
            #expect(draft.form[.email] == "lucie@example.org", "the account's own address stays")
            #expect(draft.form.declarationId == declaration.declarationId)
            #expect(!draft.form.requiredDocuments.contains(.policeAttestation), "the declaration stands for it")

            // Served: the code no longer finds it, for anyone.
            let other = try await portal.claimant("autre@example.org")
            let reused = try await portal.client.post("/rattachement", as: other, [("code", "KX7P-M2QR")])
            #expect(reused.status == .unprocessableContent)
        }
    }

    @Test func withoutADeclaredAddressTheCodeAloneAttachesIt() async throws {
        try await Self.withPortal { portal in
            let declaration = try await portal.declaration(email: nil, code: "ABCD-EFGH")
            let me = try await portal.claimant("occupant@example.org")
            let started = try await portal.client.post("/demandes", as: me)
            let draftPath = try #require(started.headers[.location])
            let attached = try await portal.client.post("/rattachement", as: me, [("code", "ABCDEFGH")])
            #expect(attached.status == .seeOther)
            #expect(try await portal.events(AttachConfirmationRequested.self).isEmpty)
            let linked = try #require(try await portal.events(DeclarationLinked.self).first)
            #expect(linked.declarationId == declaration.declarationId)
            #expect(draftPath.contains(linked.claimId.uuidString.lowercased()), "the draft in progress got it")
        }
    }

    @Test func aContactAddedAfterSubmissionReceivesTheConfirmationAndRenewsTheCode() async throws {
        try await Self.withPortal { portal in
            let declaration = try await portal.declaration(
                email: nil,
                code: "MNPQ-RSTU",
                expires: Date().addingTimeInterval(-60)
            )
            let updated = DeclarationContactUpdated(
                declarationId: declaration.declarationId,
                code: declaration.code,
                codeExpiresAt: Date().addingTimeInterval(86_400),
                force: declaration.force,
                operationDate: declaration.operationDate,
                address: declaration.address,
                occupant: .init(
                    civility: "madame",
                    lastName: "Bernard",
                    firstName: "Lucie",
                    email: "nouvelle@example.org",
                    phone: nil
                ),
                updatedAt: Date()
            )
            try await portal.platform.client.withConnection { connection in
                try await DeclarationContactUpdatedHandler.record(updated, on: connection, logger: TestDatabase.logger)
            }
            let me = try await portal.claimant("lucie@example.org")
            let asked = try await portal.client.post("/rattachement", as: me, [("code", "MNPQ-RSTU")])
            #expect(asked.status == .seeOther && asked.headers[.location]?.hasPrefix("/rattachement/") == true)
            #expect(try await portal.events(AttachConfirmationRequested.self).first?.email == "nouvelle@example.org")
        }
    }

    @Test func aMobileOnlyOccupantIsSentTheConfirmationBySMS() async throws {
        try await Self.withPortal { portal in
            let declaration = try await portal.declaration(email: nil, phone: "+33612345678", code: "PQRS-TUVW")
            let me = try await portal.claimant("mobile@example.org")
            let asked = try await portal.client.post("/rattachement", as: me, [("code", "PQRS-TUVW")])
            #expect(asked.headers[.location] == "/rattachement/\(declaration.declarationId.uuidString.lowercased())")
            let sent = try #require(try await portal.events(AttachConfirmationRequested.self).first)
            #expect(sent.email == nil && sent.phone == "+33612345678")
            let confirmed = try await portal.client.post(
                "/rattachement/\(declaration.declarationId.uuidString.lowercased())",
                as: me,
                [("confirmation", sent.confirmationCode)]
            )
            #expect(confirmed.status == .seeOther && confirmed.headers[.location]?.hasPrefix("/demandes/") == true)
        }
    }

    @Test func expiredCodesAndGuessingAreRefused() async throws {
        try await Self.withPortal { portal in
            _ = try await portal.declaration(email: nil, code: "ZZZZ-ZZZZ", expires: Date().addingTimeInterval(-60))
            let me = try await portal.claimant("devin@example.org")
            let expired = try await portal.client.post("/rattachement", as: me, [("code", "ZZZZ-ZZZZ")])
            #expect(expired.status == .unprocessableContent)
            for _ in 0..<9 { _ = try await portal.client.post("/rattachement", as: me, [("code", "AAAA-AAAA")]) }
            let throttled = try await portal.client.post("/rattachement", as: me, [("code", "AAAA-AAAA")])
            #expect(throttled.status == .tooManyRequests)
            #expect(
                try await portal.database.count("SELECT count(*) FROM intake.claim WHERE declaration_id IS NOT NULL")
                    == 0
            )
        }
    }
}
