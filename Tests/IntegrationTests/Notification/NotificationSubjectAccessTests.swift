import Foundation
import Persistence
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Notification

/// Notification's answer to an access request: every table of its schema is in the answer or not for a reason
/// written in the inventory, and every column of the claims' contacts and of the messages sent reaches the answer
/// but for the agent's details and the recipient's digest.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct NotificationSubjectAccessTests {
    @Test func theAnswerGivesTheClaimsContactsAndEveryMessageSentToTheAddress() async throws {
        let database = try await TestDatabase.create(migrations: [
            "notification": try NotificationService.allMigrations()
        ])
        let email = "camille.acces@example.org"
        try await database.settings("notification").withClient(logger: TestDatabase.logger) { client in
            let claim = UUID()
            try await client.query(
                """
                INSERT INTO claim_contact (claim_id, reference, claimant_first_name, claimant_last_name, claimant_email,
                                           assignee_name, assignee_email)
                VALUES (\(claim), 'BRI-20261202-00001', 'Camille', 'Accès', \(email), 'Agent Rédacteur',
                        'redacteur@agents.test')
                """,
                logger: TestDatabase.logger
            )
            try await client.query(
                """
                INSERT INTO delivery (id, source_event_id, template, channel, claim_id, recipient_sha256, status, error)
                VALUES (\(UUID()), \(UUID()), 'claim-acknowledgement', 'email', \(claim),
                        encode(sha256(convert_to(\(email), 'UTF8')), 'hex'), 'failed', '550 boîte inconnue')
                """,
                logger: TestDatabase.logger
            )
            let answer = try await client.withConnection { connection in
                try await SubjectRequestHandler.access(email.uppercased(), on: connection, logger: TestDatabase.logger)
            }
            #expect(answer.records == 2)
            let gaps = try await database.gaps(
                in: SubjectRequestHandler.inventory,
                schema: "notification",
                answer: Data(answer.data.utf8)
            )
            #expect(gaps.isEmpty, "\(gaps)")
            for value in ["BRI-20261202-00001", "Camille", email, "claim-acknowledgement", "550 boîte inconnue"] {
                #expect(answer.data.contains(value), "the answer lacks \(value)")
            }
            #expect(!answer.data.contains("redacteur@agents.test"), "the agent's address was given")
        }
        try await database.drop()
    }
}
