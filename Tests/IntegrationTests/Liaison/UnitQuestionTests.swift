import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
import Messaging
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Liaison

/// A rédacteur's question and the files joined to it reach the declaring unit's space and only it; the unit answers
/// once, and the answer leaves for instruction with the claim's reference.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct UnitQuestionTests {
    @Test func theUnitSeesTheQuestionAnswersItAndNoOtherUnitCan() async throws {
        try await LiaisonHarness.make().run { harness, client in
            let me = try await harness.investigator(unit: "GN-BR-69", force: "GN", name: "Adjudant Morel")
            let stranger = try await harness.investigator(unit: "PN-MARSEILLE")
            let declarationPath = try await harness.draftDeclaration(as: me, client)
            _ = try await client.post("\(declarationPath)/transmission", as: me)
            let declaration = try #require(
                try await harness.platform.client.outboxEvents(DeclarationSubmitted.self, logger: TestDatabase.logger)
                    .first
            )
            let query = InvestigatorQuerySent(
                queryId: UUID(),
                claimId: UUID(),
                reference: "BRI-20261201-0007",
                declarationId: declaration.declarationId,
                unitCode: "GN-BR-69",
                question: "La porte était-elle déjà abîmée ?",
                dueOn: "2020-12-11",
                askedBy: "Rémi Rédacteur",
                askedAt: Date()
            )
            try await harness.platform.client.withConnection { connection in
                try await InvestigatorQuerySentHandler.record(query, on: connection, logger: TestDatabase.logger)
            }

            let home = try await client.get("/fdo", as: me).text
            #expect(home.contains("Questions en attente de votre réponse") && home.contains("BRI-20261201-0007"))
            #expect(home.contains("En retard"))
            #expect(!(try await client.get("/fdo", as: stranger).text.contains("BRI-20261201-0007")))
            let page = try await client.get(declarationPath, as: me).text
            #expect(page.contains("Rémi Rédacteur : « La porte était-elle déjà abîmée ? »"))

            // The rédacteur joined two files: one the antivirus passed, one still waiting for it.
            let plan = UUID()
            try await harness.platform.client.query(
                """
                INSERT INTO query_attachment (document_id, query_id, file_name, scan_status, uploaded_at)
                VALUES (\(plan), \(query.queryId), 'plan.pdf', 'clean', now()),
                       (\(UUID()), \(query.queryId), 'photo.jpg', 'scan_pending', now())
                """,
                logger: TestDatabase.logger
            )
            let withFiles = try await client.get(declarationPath, as: me).text
            let filePath =
                "/fdo/questions/\(query.queryId.uuidString.lowercased())/pieces/\(plan.uuidString.lowercased())"
            #expect(withFiles.contains("href=\"\(filePath)\">plan.pdf"))
            #expect(withFiles.contains("photo.jpg — analyse antivirus en attente"))
            let opened = try await client.get(filePath, as: me)
            #expect(opened.status == .seeOther && opened.headers[.location]?.contains("?jeton=") == true)
            #expect(try await client.get(filePath, as: stranger).status == .notFound, "another unit")

            let answerPath = "/fdo/questions/\(query.queryId.uuidString.lowercased())"
            let empty = try await client.post(answerPath, as: me, [("reponse", "  ")])
            #expect(
                empty.status == .unprocessableContent && empty.text.contains("Écrivez la réponse avant de l’envoyer.")
            )
            let tooLong = String(repeating: "a", count: 4001)
            let refused = try await client.post(answerPath, as: me, [("reponse", tooLong)])
            #expect(refused.text.contains("elle en compte 4001") && refused.text.contains(tooLong), "the text is kept")
            #expect(try await client.post(answerPath, as: stranger, [("reponse", "Non.")]).status == .notFound)

            let answered = try await client.post(answerPath, as: me, [("reponse", "Non, elle était intacte.")])
            #expect(answered.status == .seeOther && answered.headers[.location] == declarationPath)
            let sent = try await harness.platform.client.outboxEvents(
                InvestigatorQueryAnswered.self,
                logger: TestDatabase.logger
            )
            #expect(sent.count == 1)
            #expect(sent.first?.answeredBy == "Adjudant Morel" && sent.first?.reference == "BRI-20261201-0007")
            #expect(sent.first?.claimId == query.claimId)
            #expect(try await client.post(answerPath, as: me, [("reponse", "Encore.")]).status == .notFound)
            #expect(try await client.get(declarationPath, as: me).text.contains("Réponse de Adjudant Morel"))
            #expect(!(try await client.get("/fdo", as: me).text.contains("Questions en attente")))
        }
    }

    @Test func anUnansweredQuestionNearItsDateRemindsTheUnitOnceADay() async throws {
        let clock = ManualClock()
        try await LiaisonHarness.make(clock: clock.now).run { harness, client in
            let me = try await harness.investigator(unit: "GN-BR-69", force: "GN", name: "Adjudant Morel")
            _ = try await harness.investigator(unit: "GN-BR-69", force: "GN", name: "Gendarme Petit")
            _ = try await harness.investigator(unit: "PN-MARSEILLE", name: "Autre unité")
            let draft = try #require(try await client.post("/fdo/declarations", as: me).headers[.location])
            let declaration = try #require(UUID(uuidString: String(draft.split(separator: "/")[2])))
            try await harness.platform.client.query(
                "UPDATE declaration SET state = 'submitted', code = 'ABCDEFGH', submitted_at = now(), operation_date = now()",
                logger: TestDatabase.logger
            )
            let today = ParisTime.isoDay(of: clock.now())
            func ask(dueInDays days: Int) async throws -> UUID {
                let query = InvestigatorQuerySent(
                    queryId: UUID(),
                    claimId: UUID(),
                    reference: "BRI-20261201-000\(days + 2)",
                    declarationId: declaration,
                    unitCode: "GN-BR-69",
                    question: "Question ?",
                    dueOn: ParisTime.isoDay(of: clock.now().addingTimeInterval(Double(days) * 86_400)),
                    askedBy: "Rémi Rédacteur",
                    askedAt: clock.now()
                )
                try await harness.platform.client.withConnection { connection in
                    try await InvestigatorQuerySentHandler.record(query, on: connection, logger: TestDatabase.logger)
                }
                return query.queryId
            }
            let overdue = try await ask(dueInDays: -1)
            _ = try await ask(dueInDays: 10)  // not yet
            let scheduler = QueryReminderScheduler(
                outbox: harness.platform.outbox,
                logger: TestDatabase.logger,
                clock: clock.now
            )

            #expect(try await scheduler.tick() == 1)
            let reminders = try await harness.platform.client.outboxEvents(
                InvestigatorQueryReminder.self,
                logger: TestDatabase.logger
            )
            let reminder = try #require(reminders.first)
            #expect(reminder.queryId == overdue && reminder.overdue && reminder.dueOn < today)
            #expect(reminder.recipients.map(\.displayName) == ["Adjudant Morel", "Gendarme Petit"], "the unit only")
            #expect(try await scheduler.tick() == 0, "once a day")
            clock.advance(by: 25 * 3600)
            #expect(try await scheduler.tick() == 1)
            let investigator = try #require(try await harness.directory.investigator(me.id))
            let board = QueryBoard(outbox: harness.platform.outbox, logger: TestDatabase.logger, clock: clock.now)
            _ = try await board.answer(overdue, text: "Réponse.", by: investigator, context: MessageContext())
            clock.advance(by: 25 * 3600)
            #expect(try await scheduler.tick() == 0, "an answered question is not reminded")
        }
    }
}
