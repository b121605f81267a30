import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
import Messaging
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Instruction

/// The declaration a claim carries, and the questions its rédacteur asks the declaring unit, against real
/// PostgreSQL: only the assigned rédacteur asks, only about a claim with a declaration, and the answer joins the page.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct InvestigatorQueryTests {
    @Test func theAssignedRedacteurAsksTheDeclaringUnitAndReadsItsAnswer() async throws {
        try await InstructionHarness.make().run { harness in
            let declaration = DeclarationFixtures.submitted()
            try await harness.platform.client.withConnection { connection in
                try await DeclarationSubmittedHandler.record(declaration, on: connection, logger: TestDatabase.logger)
            }
            let redacteur = try await harness.agent(["redacteur"], name: "Rémi Rédacteur")
            let colleague = try await harness.agent(["redacteur"], name: "Autre Rédacteur")
            var attached = ClaimFixtures.submitted(number: 7)
            attached.declarationId = declaration.declarationId
            let event = attached
            let claim = try await harness.inInstruction(event, assignee: redacteur)
            let bare = try await harness.inInstruction(ClaimFixtures.submitted(number: 8), assignee: redacteur)
            let path = InstructionHarness.path(claim)
            try await Application(router: harness.router).test(.router) { client in
                let page = try await harness.get(client, path, as: redacteur).text
                #expect(page.contains("Déclaration des enquêteurs") && page.contains("Brigade de recherches de Lyon"))
                #expect(page.contains("2026-000123") && page.contains("Envoyer la question à l’unité"))
                #expect(
                    !(try await harness.get(client, InstructionHarness.path(bare), as: redacteur).text
                        .contains("Déclaration des enquêteurs"))
                )

                let empty = try await harness.post(
                    client,
                    "\(path)/question-enqueteurs",
                    as: redacteur,
                    [("question", " "), ("echeance-question", "2020-01-01")]
                )
                #expect(empty.status == .unprocessableContent)
                #expect(empty.text.contains("Écrivez la question à poser à l’unité."))
                #expect(empty.text.contains("Laissez au moins 2 jours à l’unité pour répondre."))
                let due = ParisTime.isoDay(of: Date().addingTimeInterval(10 * 86_400))
                let fields = [("question", "La porte était-elle déjà abîmée ?"), ("echeance-question", due)]
                let refused = try await harness.post(client, "\(path)/question-enqueteurs", as: colleague, fields)
                #expect(refused.status == .forbidden, "only the assigned rédacteur asks")
                let noDeclaration = try await harness.post(
                    client,
                    "\(InstructionHarness.path(bare))/question-enqueteurs",
                    as: redacteur,
                    fields
                )
                #expect(noDeclaration.status == .conflict)
                #expect(noDeclaration.text.contains("Aucune déclaration d’enquêteurs"))

                let asked = try await harness.post(client, "\(path)/question-enqueteurs", as: redacteur, fields)
                #expect(asked.status == .seeOther)
                let sent = try await harness.events(InvestigatorQuerySent.self)
                #expect(sent.count == 1)
                let query = try #require(sent.first)
                #expect(query.unitCode == "GN-BR-69" && query.declarationId == declaration.declarationId)
                #expect(query.askedBy == "Rémi Rédacteur" && query.dueOn == due && query.reference == event.reference)
                #expect(try await harness.get(client, path, as: redacteur).text.contains("En attente de réponse"))

                try await harness.platform.client.withConnection { connection in
                    let answered = InvestigatorQueryAnswered(
                        queryId: query.queryId,
                        claimId: claim,
                        reference: query.reference,
                        answer: "Non, elle était intacte.",
                        answeredBy: "Adjudant Morel",
                        answeredAt: Date()
                    )
                    try await InvestigatorQueryAnsweredHandler.record(
                        answered,
                        on: connection,
                        logger: TestDatabase.logger
                    )
                }
                let answeredPage = try await harness.get(client, path, as: redacteur).text
                #expect(
                    answeredPage.contains("Réponse de Adjudant Morel")
                        && answeredPage.contains("Non, elle était intacte.")
                )
            }
        }
    }
}
