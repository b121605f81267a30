import Foundation
import Hummingbird
import HummingbirdTesting
import Messaging
import Persistence
import PostgresNIO
import ServiceKit
import TestSupport
import Testing
import WebUI

@testable import Intake

/// The claimant's download of everything intake holds about them: every table of the schema is either exported or
/// declared free of claimant data, every column of an exported table reaches the file, the bank details are opened,
/// and only the signed-in claimant gets their own.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct PersonalDataExportTests {
    @Test func everyTableAndColumnAboutTheClaimantIsExported() async throws {
        let database = try await TestDatabase.create(migrations: ["intake": try IntakeService.allMigrations()])
        let test = TestServices(database: database)
        let settings = try IntakeService.settings(from: test.reader())
        let platform = MessagingPlatform(settings: settings.common, logger: TestDatabase.logger)
        let cipher = try #require(settings.bankDetailsCipher)
        let app = Application(
            router: try IntakeService.router(settings: settings, platform: platform, runtime: TestServices.runtime())
        )
        let owner = UUID()
        let email = "export-\(owner.uuidString.prefix(8).lowercased())@example.org"
        try await withRunningServices([platform.client]) {
            let claim = try await Self.fileEverything(for: owner, email: email, platform: platform, cipher: cipher)
            let sessions = WebSessions(client: platform.client, secureCookies: false, logger: TestDatabase.logger)
            let cookie = String(try await sessions.open(for: owner).prefix { $0 != ";" })

            let export = ClaimantDataExport(client: platform.client, cipher: cipher, logger: TestDatabase.logger)
            let json = try #require(try await export.export(account: owner, at: Date()))
            let gaps = try await database.gaps(in: ClaimantDataExport.inventory, schema: "intake", answer: json)
            #expect(gaps.isEmpty, "\(gaps)")
            let text = String(decoding: json, as: UTF8.self)
            for value in [
                email, "Élodie", "Martin", "3 rue des Lilas", "FR7630006000011234567890189", "facture.pdf",
                "La facture est illisible.", "porte enfoncée au bélier", "document-rejected:infected",
            ] {
                #expect(text.contains(value), "the export lacks \(value)")
            }
            #expect(!text.contains("$argon2") && !text.contains("ABCD2345"), "secrets are not exported")

            try await app.test(.router) { client in
                try await client.execute(
                    uri: "/mon-espace/donnees/export.json",
                    method: .get,
                    headers: [.cookie: cookie]
                ) {
                    #expect($0.status == .ok)
                    #expect($0.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
                    #expect($0.headers[.cacheControl] == "no-store")
                    #expect(String(buffer: $0.body).contains(claim.uuidString.lowercased()))
                }
                try await client.execute(uri: "/mon-espace/donnees/export.json", method: .get) {
                    #expect($0.status == .seeOther || $0.status == .unauthorized, "anonymous: \($0.status)")
                }
                try await client.execute(uri: "/mon-espace/donnees", method: .get, headers: [.cookie: cookie]) {
                    #expect(String(buffer: $0.body).contains("un an après sa clôture"))
                }
            }
        }
        try await database.drop()
    }

    /// A submitted claim with a row in every exported table.
    private static func fileEverything(
        for owner: UUID,
        email: String,
        platform: MessagingPlatform,
        cipher: FieldCipher
    ) async throws -> UUID {
        let client = platform.client
        let logger = TestDatabase.logger
        let claim = try await SubmittedClaimFixture.file(for: owner, email: email, platform: platform, cipher: cipher)
        try await client.query(
            """
            INSERT INTO claim_timeline_entry (claim_id, kind, occurred_at) VALUES (\(claim), 'document-rejected:infected', now())
            """,
            logger: logger
        )
        try await client.query(
            """
            INSERT INTO information_request (id, claim_id, document_types, message, due_on, requested_at)
            VALUES (\(UUID()), \(claim), '{facture}', 'La facture est illisible.', current_date + 14, now())
            """,
            logger: logger
        )
        try await client.query(
            """
            INSERT INTO decision (claim_id, kind, amount_cents, letter, decided_at)
            VALUES (\(claim), 'offer', 125050, '{"body": "Proposition"}', now())
            """,
            logger: logger
        )
        try await client.query(
            """
            INSERT INTO declaration (id, code, code_expires_at, force, operation_date, street_address, postal_code,
                                     commune, occupant_first_name, claim_id, received_at)
            VALUES (\(UUID()), 'ABCD2345', now(), 'PN', current_date, '3 rue des Lilas', '75011', 'Paris', 'Élodie',
                    \(claim), now())
            """,
            logger: logger
        )
        try await client.query(
            "INSERT INTO data_summary (id, account_id, requested_at) VALUES (\(UUID()), \(owner), now())",
            logger: logger
        )
        return claim
    }
}
