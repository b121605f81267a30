import Foundation
import Hummingbird
import HummingbirdTesting
import Messaging
import PostgresNIO
import ReferenceData
import ServiceKit
import TestSupport
import Testing

@testable import Intake

/// Addresses in the claim form against La Poste's postal codes (the shipped sample, loaded in intake's schema): a
/// postal code that does not exist and a commune it does not serve are told next to their field, with the
/// communes it serves; a commune recognised is written as the reference names it, or filled in when there is one.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct ClaimAddressTests {
    @Test func theDwellingsCommuneIsCheckedAgainstItsPostalCode() async throws {
        let database = try await TestDatabase.create(migrations: ["intake": try IntakeService.allMigrations()])
        let settings = try IntakeService.settings(from: TestServices(database: database).reader())
        let platform = MessagingPlatform(settings: settings.common, logger: TestDatabase.logger)
        let app = Application(
            router: try IntakeService.router(settings: settings, platform: platform, runtime: TestServices.runtime())
        )
        try await withRunningServices([platform.client]) {
            try await ReferenceImporter(client: platform.client, logger: TestDatabase.logger)
                .importAll(from: ReferenceSettings.sampleDirectory)
            let id = UUID()
            try await platform.client.query(
                "INSERT INTO claimant_account (id, email, created_at, email_verified_at) VALUES (\(id), 'a@example.org', now(), now())",
                logger: TestDatabase.logger
            )
            let me = try await PortalSession.open(
                for: id,
                cookie: "mij-session",
                client: platform.client,
                logger: TestDatabase.logger
            )
            let claims = PostgresClaimRepository(
                outbox: platform.outbox,
                cipher: try #require(settings.bankDetailsCipher),
                logger: TestDatabase.logger
            )
            try await app.test(.router) { client in
                let started = try await client.post("/demandes", as: me)
                let claimPath = try #require(started.headers[.location]).split(separator: "/").prefix(2)
                    .joined(separator: "/")
                let claimId = try #require(UUID(uuidString: String(claimPath.split(separator: "/")[1])))
                func dwelling(_ postalCode: String, _ commune: String) async throws -> TestResponse {
                    try await client.post(
                        "/\(claimPath)/logement",
                        as: me,
                        [
                            ("capacity", "locataire"), ("streetAddress", "3 rue des Lilas"), ("postalCode", postalCode),
                            ("commune", commune),
                        ]
                    )
                }

                let several = try await dwelling("13100", "")
                #expect(several.status == .unprocessableContent)
                #expect(
                    several.text.contains(
                        "Indiquez la commune. Le code postal 13100 dessert : Aix-en-Provence, Beaurecueil ou Le Tholonet."
                    )
                )
                let wrong = try await dwelling("13100", "lyon")
                #expect(wrong.text.contains("La commune « lyon » ne correspond pas au code postal 13100"))
                #expect(wrong.text.contains("value=\"lyon\""), "what was typed stays in the field")
                let unknown = try await dwelling("13999", "Aix")
                #expect(unknown.text.contains("Le code postal 13999 n’existe pas : vérifiez-le."))

                #expect(try await dwelling("69006", "").status == .seeOther, "Lyon is the only commune of 69006")
                #expect(try await claims.claim(claimId, owner: id)?.form[.commune] == "Lyon")
                #expect(try await dwelling("42000", "st-etienne").status == .seeOther)
                #expect(try await claims.claim(claimId, owner: id)?.form[.commune] == "Saint-Étienne")
            }
            // The claim carries its département from the reference data (Corsica's 2A, not a postal code's digits).
            var fields = ClaimFixtures.formJSON()
            fields["postalCode"] = "20000"
            fields["commune"] = "Ajaccio"
            _ = try await claims.submit(ClaimForm(fields: fields), idempotencyKey: nil, context: MessageContext())
            let carried = try await database.count(
                """
                SELECT count(*) FROM intake.outbox WHERE event_name = 'intake.claim-submitted'
                  AND (payload::jsonb -> 'doorBreak' ->> 'department') = '2A'
                """
            )
            #expect(carried == 1)
        }
        try await database.drop()
    }
}
