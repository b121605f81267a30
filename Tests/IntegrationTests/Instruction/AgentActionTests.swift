import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Instruction

/// Each action of the first part of instruction, through the router on a real database: who may, in which state,
/// what is written (state, history, audit, outbox) and what is refused without writing anything.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct AgentActionTests {
    @Test func aClaimIsAssignedStartedQuestionedReviewedAnnotatedAndClosed() async throws {
        try await InstructionHarness.make().run { harness in
            let attributeur = try await harness.agent(["attributeur"], name: "Alice Attributrice")
            let redacteur = try await harness.agent(["redacteur"], name: "Rémi Rédacteur")
            let otherRedacteur = try await harness.agent(["redacteur"], name: "Rose Rédactrice")
            let consultation = try await harness.agent(["consultation"])
            var event = ClaimFixtures.submitted(number: 1)
            let invoice = UUID()
            event.documents = [.init(id: invoice, type: "facture")]
            let claim = try await harness.claim(event).claimId
            let reference = event.reference
            try await Application(router: harness.router).test(.router) { client in
                try await Self.assign(
                    client,
                    harness,
                    claim,
                    attributeur: attributeur,
                    to: redacteur,
                    other: otherRedacteur
                )
                try await Self.start(client, harness, claim, redacteur: redacteur, other: otherRedacteur)
                try await Self.requestInformation(client, harness, claim, redacteur: redacteur)
                try await Self.reviewAndNote(
                    client,
                    harness,
                    claim,
                    invoice: invoice,
                    redacteur: redacteur,
                    consultation: consultation
                )
                try await Self.close(client, harness, claim, attributeur: attributeur, redacteur: redacteur)
                let page = try await harness.get(client, InstructionHarness.path(claim), as: consultation)
                #expect(page.status == .ok)
                #expect(page.text.contains(reference) && page.text.contains("Clôture — Alice Attributrice"))
                #expect(!page.text.contains("Attribuer</button>"), "a consultation agent sees no action")
            }
            #expect(
                try await harness.count("SELECT count(*) FROM instruction.audit_entry WHERE claim_id = '\(claim)'") == 6
            )
        }
    }

    private static func assign(
        _ client: some TestClientProtocol,
        _ harness: InstructionHarness,
        _ claim: UUID,
        attributeur: InstructionHarness.SignedIn,
        to redacteur: InstructionHarness.SignedIn,
        other: InstructionHarness.SignedIn
    ) async throws {
        let path = InstructionHarness.path(claim, "/attribution")
        let byRedacteur = try await harness.post(client, path, as: other, [("redacteur", other.id.uuidString)])
        #expect(byRedacteur.status == .forbidden, "a rédacteur does not assign")
        let noCSRF = try await harness.post(
            client,
            path,
            as: attributeur,
            [("redacteur", redacteur.id.uuidString)],
            csrf: false
        )
        #expect(noCSRF.status == .forbidden)
        let notARedacteur = try await harness.post(
            client,
            path,
            as: attributeur,
            [("redacteur", attributeur.id.uuidString)]
        )
        #expect(notARedacteur.status == .unprocessableContent)
        #expect(notARedacteur.text.contains("Choisissez un rédacteur actif."))
        #expect(try await harness.state(of: claim) == "A_ATTRIBUER")

        let assigned = try await harness.post(client, path, as: attributeur, [("redacteur", redacteur.id.uuidString)])
        #expect(assigned.status == .seeOther)
        #expect(assigned.headers[.location] == InstructionHarness.path(claim, "?fait=attribue"))
        #expect(try await harness.state(of: claim) == "A_INSTRUIRE")
        let events = try await harness.events(ClaimAssigned.self)
        #expect(events.map(\.assignee.agentId) == [redacteur.id])
        #expect(events.first?.assignee.displayName == "Rémi Rédacteur" && events.first?.isReassignment == false)
    }

    private static func start(
        _ client: some TestClientProtocol,
        _ harness: InstructionHarness,
        _ claim: UUID,
        redacteur: InstructionHarness.SignedIn,
        other: InstructionHarness.SignedIn
    ) async throws {
        let path = InstructionHarness.path(claim, "/instruction")
        let byOther = try await harness.post(client, path, as: other)
        #expect(byOther.status == .forbidden)
        #expect(byOther.text.contains("Seul le rédacteur à qui le dossier est attribué"))
        #expect(try await harness.post(client, path, as: redacteur).status == .seeOther)
        #expect(try await harness.state(of: claim) == "EN_INSTRUCTION")
        let again = try await harness.post(client, path, as: redacteur)
        #expect(again.status == .conflict, "no second start: the state guards it")
        #expect(try await harness.events(InstructionStarted.self).count == 1)
        #expect(
            try await harness.count("SELECT count(*) FROM instruction.claim_state_change WHERE claim_id = '\(claim)'")
                == 3
        )
    }

    private static func requestInformation(
        _ client: some TestClientProtocol,
        _ harness: InstructionHarness,
        _ claim: UUID,
        redacteur: InstructionHarness.SignedIn
    ) async throws {
        let path = InstructionHarness.path(claim, "/complement")
        let tomorrow = ParisDay.offset(1)
        let invalid = try await harness.post(client, path, as: redacteur, [("message", " "), ("echeance", tomorrow)])
        #expect(invalid.status == .unprocessableContent)
        #expect(invalid.text.contains("Écrivez au requérant ce qui manque"))
        #expect(invalid.text.contains("Laissez au moins 7 jours"))
        #expect(try await harness.count("SELECT count(*) FROM instruction.information_request") == 0)

        let due = ParisDay.offset(21)
        let fields = [
            ("pieces", "facture"), ("pieces", "rib"), ("message", "La facture est illisible."), ("echeance", due),
        ]
        #expect(try await harness.post(client, path, as: redacteur, fields).status == .seeOther)
        let requested = try await harness.events(InformationRequested.self)
        #expect(requested.map(\.documentTypes) == [["facture", "rib"]])
        #expect(requested.first?.dueOn == due && requested.first?.message == "La facture est illisible.")
        #expect(try await harness.state(of: claim) == "EN_INSTRUCTION")
    }

    private static func reviewAndNote(
        _ client: some TestClientProtocol,
        _ harness: InstructionHarness,
        _ claim: UUID,
        invoice: UUID,
        redacteur: InstructionHarness.SignedIn,
        consultation: InstructionHarness.SignedIn
    ) async throws {
        let review = InstructionHarness.path(claim, "/pieces/\(invoice.uuidString.lowercased())")
        let noReason = try await harness.post(client, review, as: redacteur, [("verdict", "rejected")])
        #expect(noReason.status == .unprocessableContent)
        #expect(
            try await harness.post(client, review, as: consultation, [("verdict", "accepted")]).status == .forbidden
        )
        let rejected = try await harness.post(
            client,
            review,
            as: redacteur,
            [("verdict", "rejected"), ("raison", "Illisible")]
        )
        #expect(rejected.status == .seeOther)
        #expect(
            try await harness.count(
                "SELECT count(*) FROM instruction.claim_document WHERE verdict = 'rejected' AND reason = 'Illisible'"
            ) == 1
        )
        let unknown = InstructionHarness.path(claim, "/pieces/\(UUID().uuidString.lowercased())")
        #expect(try await harness.post(client, unknown, as: redacteur, [("verdict", "accepted")]).status == .notFound)

        let notes = InstructionHarness.path(claim, "/notes")
        #expect(try await harness.post(client, notes, as: consultation, [("note", "Vu")]).status == .forbidden)
        #expect(
            try await harness.post(client, notes, as: redacteur, [("note", "Appeler le service enquêteur")]).status
                == .seeOther
        )
        let page = try await harness.get(client, InstructionHarness.path(claim), as: redacteur)
        #expect(page.text.contains("Rémi Rédacteur : Appeler le service enquêteur"))
        #expect(page.text.contains("Refusée : Illisible"))
    }

    private static func close(
        _ client: some TestClientProtocol,
        _ harness: InstructionHarness,
        _ claim: UUID,
        attributeur: InstructionHarness.SignedIn,
        redacteur: InstructionHarness.SignedIn
    ) async throws {
        let path = InstructionHarness.path(claim, "/cloture")
        let incomplete = try await harness.post(client, path, as: attributeur, [("motif", "doublon")])
        #expect(incomplete.status == .unprocessableContent)
        #expect(incomplete.text.contains("Écrivez l’explication"))
        let fields = [("motif", "doublon"), ("explication", "Un dossier papier est déjà en cours.")]
        #expect(try await harness.post(client, path, as: attributeur, fields).status == .seeOther)
        #expect(try await harness.state(of: claim) == "CLOTURE")
        #expect(try await harness.events(ClaimClosed.self).map(\.reason) == ["doublon"])
        let late = try await harness.post(
            client,
            InstructionHarness.path(claim, "/complement"),
            as: redacteur,
            [("message", "Encore une pièce"), ("echeance", ParisDay.offset(20))]
        )
        #expect(late.status == .conflict, "nothing more happens to a closed claim")
    }

    @Test func theAuditIsAppendOnlyForTheService() async throws {
        try await InstructionHarness.make().run { harness in
            let attributeur = try await harness.agent(["attributeur"])
            let claim = try await harness.claim(ClaimFixtures.submitted(number: 2)).claimId
            try await Application(router: harness.router).test(.router) { client in
                _ = try await harness.post(
                    client,
                    InstructionHarness.path(claim, "/notes"),
                    as: attributeur,
                    [("note", "Vu")]
                )
            }
            #expect(try await harness.count("SELECT count(*) FROM instruction.audit_entry") == 1)
            for statement in ["UPDATE audit_entry SET action = 'x'", "DELETE FROM audit_entry"] {
                await #expect(throws: PSQLError.self) {
                    try await harness.platform.client.query(
                        PostgresQuery(unsafeSQL: statement),
                        logger: TestDatabase.logger
                    )
                }
            }
        }
    }
}

/// Calendar days in Paris, as the forms take them.
enum ParisDay {
    static func offset(_ days: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        let date = calendar.date(byAdding: .day, value: days, to: Date())!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
