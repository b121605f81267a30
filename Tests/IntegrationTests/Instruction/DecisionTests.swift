import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Persistence
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Instruction

/// Drafting, returning and signing decisions through the router: the four-eyes rule, the seal written to the audit
/// and carried by the event, and the claimant's answer moving the claim.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct DecisionTests {
    @Test func anOfferIsDraftedReturnedRedraftedSignedAndAccepted() async throws {
        try await InstructionHarness.make().run { harness in
            let (redacteur, validateur) = try await Self.team(harness)
            let claim = try await Self.inInstruction(harness, number: 20, redacteur: redacteur)
            try await Application(router: harness.router).test(.router) { client in
                let offer = InstructionHarness.path(claim, "/proposition")
                let invalid = try await harness.post(
                    client,
                    offer,
                    as: redacteur,
                    [("libelle-1", "Porte"), ("montant-1", "beaucoup")]
                )
                #expect(
                    invalid.status == .unprocessableContent && invalid.text.contains("Indiquez un montant en euros")
                )
                let lines = [
                    ("libelle-1", "Porte"), ("montant-1", "1 250,50"), ("libelle-2", "Serrurier"), ("montant-2", "80"),
                ]
                #expect(try await harness.post(client, offer, as: redacteur, lines).status == .seeOther)
                #expect(try await harness.state(of: claim) == "OK_A_SIGNER")
                let bySelf = try await harness.post(client, InstructionHarness.path(claim, "/signature"), as: redacteur)
                #expect(bySelf.status == .forbidden, "a rédacteur does not sign")

                let returned = InstructionHarness.path(claim, "/renvoi")
                #expect(
                    try await harness.post(client, returned, as: validateur, [("commentaire", " ")]).status
                        == .unprocessableContent
                )
                #expect(
                    try await harness.post(client, returned, as: validateur, [("commentaire", "Joindre le devis")])
                        .status == .seeOther
                )
                #expect(try await harness.state(of: claim) == "EN_INSTRUCTION")
                #expect(
                    try await harness.get(client, InstructionHarness.path(claim), as: redacteur).text.contains(
                        "Joindre le devis"
                    )
                )

                #expect(try await harness.post(client, offer, as: redacteur, lines).status == .seeOther)
                let page = try await harness.get(client, InstructionHarness.path(claim), as: validateur).text
                #expect(page.contains("mille trois cent trente euros et cinquante centimes"))
                let edited = "Madame,\n\nLe ministère vous propose 1 330,50 €.\n\nSignature électronique."
                let signed = try await harness.post(
                    client,
                    InstructionHarness.path(claim, "/signature"),
                    as: validateur,
                    [("corps", edited)]
                )
                #expect(signed.status == .seeOther)
            }
            #expect(try await harness.state(of: claim) == "OK_A_APPROUVER")
            let sent = try #require(try await harness.events(OfferSent.self).first)
            #expect(sent.amountCents == 133_050 && sent.breakdown.map(\.amountCents) == [125_050, 8_000])
            #expect(sent.amountInWords == "mille trois cent trente euros et cinquante centimes")
            #expect(
                sent.letter.paragraphs == [
                    "Madame,", "Le ministère vous propose 1 330,50 €.", "Signature électronique.",
                ]
            )
            #expect(sent.letter.signerName == "Valérie Validatrice")
            #expect(ParisTime.days(from: ParisTime.isoDay(of: sent.sentAt), to: sent.answerBy) == 30)
            let expectedSeal = DecisionLetters.seal(
                reference: sent.reference,
                subject: sent.letter.subject,
                paragraphs: sent.letter.paragraphs,
                amountCents: sent.amountCents,
                signer: validateur.id,
                at: sent.letter.signedAt
            )
            #expect(sent.letter.seal == expectedSeal)
            let sealed =
                "SELECT count(*) FROM instruction.audit_entry WHERE action = 'signDecision' AND detail ->> 'seal' = '\(expectedSeal)'"
            #expect(try await harness.count(sealed) == 1, "the seal is in the audit log")

            try await Self.answer(harness, claim, accepting: true)
            #expect(try await harness.state(of: claim) == "OK_A_VERIFIER")
            try await Self.answer(harness, claim, accepting: false)
            #expect(try await harness.state(of: claim) == "OK_A_VERIFIER", "a second answer changes nothing")
        }
    }

    @Test func aRejectionIsSignedByAnotherAgentAndFinishesTheClaim() async throws {
        try await InstructionHarness.make().run { harness in
            let (redacteur, validateur) = try await Self.team(harness)
            let claim = try await Self.inInstruction(harness, number: 21, redacteur: redacteur)
            try await Application(router: harness.router).test(.router) { client in
                let reject = InstructionHarness.path(claim, "/rejet")
                #expect(try await harness.post(client, reject, as: redacteur).status == .unprocessableContent)
                #expect(
                    try await harness.post(client, reject, as: redacteur, [("motif-rejet", "LOCATAIRE_HEBERGEANT")])
                        .status == .seeOther
                )
                let page = try await harness.get(client, InstructionHarness.path(claim), as: validateur).text
                #expect(page.contains("article 1735 du code civil") && page.contains("Signer et envoyer"))
                #expect(
                    try await harness.post(client, InstructionHarness.path(claim, "/signature"), as: validateur).status
                        == .seeOther
                )
                let late = try await harness.post(
                    client,
                    InstructionHarness.path(claim, "/renvoi"),
                    as: validateur,
                    [("commentaire", "x")]
                )
                #expect(late.status == .conflict)
            }
            #expect(try await harness.state(of: claim) == "KO_REJETE")
            let rejected = try #require(try await harness.events(ClaimRejected.self).first)
            #expect(
                rejected.reason == "LOCATAIRE_HEBERGEANT" && rejected.letter.paragraphs.contains { $0.contains("1735") }
            )
        }
    }

    @Test func theClaimantsRefusalSendsTheClaimBackWithTheCounterProposal() async throws {
        try await InstructionHarness.make().run { harness in
            let (redacteur, validateur) = try await Self.team(harness)
            let claim = try await Self.inInstruction(harness, number: 22, redacteur: redacteur)
            try await Application(router: harness.router).test(.router) { client in
                _ = try await harness.post(
                    client,
                    InstructionHarness.path(claim, "/proposition"),
                    as: redacteur,
                    [("libelle-1", "Porte"), ("montant-1", "900")]
                )
                _ = try await harness.post(client, InstructionHarness.path(claim, "/signature"), as: validateur)
            }
            try await Self.answer(harness, claim, accepting: false)
            #expect(try await harness.state(of: claim) == "EN_INSTRUCTION")
            try await Application(router: harness.router).test(.router) { client in
                let page = try await harness.get(client, InstructionHarness.path(claim), as: redacteur).text
                #expect(page.contains("Refusée : « Trop peu »") && page.contains("800,00 €"))
            }
        }
    }

    @Test func thePaymentOrderIsDraftedFromTheSealedBankDetailsSignedByAnotherAgentAndPaidInBounds() async throws {
        try await InstructionHarness.make().run { harness in
            let (redacteur, validateur) = try await Self.team(harness)
            let budget = try await harness.agent(["liaison-budget"], name: "Bruno Budget")
            let consultation = try await harness.agent(["consultation"])
            let claim = try await Self.inInstruction(harness, number: 23, redacteur: redacteur)
            try await Application(router: harness.router).test(.router) { client in
                _ = try await harness.post(
                    client,
                    InstructionHarness.path(claim, "/proposition"),
                    as: redacteur,
                    [("libelle-1", "Porte"), ("montant-1", "900")]
                )
                _ = try await harness.post(client, InstructionHarness.path(claim, "/signature"), as: validateur)
            }
            try await Self.answer(harness, claim, accepting: true)
            let cipher = try #require(FieldCipher(keyId: "p1", base64Key: ClaimFixtures.paymentDetailsKey))
            let details = try JSONEncoder().encode([
                "holder": "Élodie Martin", "iban": "FR7630006000011234567890189", "bic": "BNPAFRPP",
            ])
            let sealed = try cipher.seal(details).base64EncodedString()
            try await harness.platform.client.query(
                "UPDATE decision SET payment_details_key_id = 'p1', payment_details_sealed = \(sealed) WHERE claim_id = \(claim)",
                logger: TestDatabase.logger
            )
            try await Application(router: harness.router).test(.router) { client in
                try await Self.pay(
                    client,
                    harness,
                    claim,
                    redacteur: redacteur,
                    validateur: validateur,
                    budget: budget,
                    consultation: consultation
                )
            }
            #expect(try await harness.state(of: claim) == "OK_INDEMNISE")
            #expect(try await harness.events(PaymentTransmitted.self).first?.batchReference.hasPrefix("VIR-") == true)
            #expect(try await harness.events(ClaimPaid.self).map(\.paidOn) == [ParisDay.offset(0)])
        }
    }

    private static func pay(
        _ client: some TestClientProtocol,
        _ harness: InstructionHarness,
        _ claim: UUID,
        redacteur: InstructionHarness.SignedIn,
        validateur: InstructionHarness.SignedIn,
        budget: InstructionHarness.SignedIn,
        consultation: InstructionHarness.SignedIn
    ) async throws {
        let path = { (suffix: String) in InstructionHarness.path(claim, suffix) }
        #expect(try await harness.post(client, path("/verification"), as: budget).status == .forbidden)
        #expect(try await harness.post(client, path("/verification"), as: redacteur).status == .seeOther)
        let requests = try await harness.events(SignatureRequested.self)
        #expect(requests.map(\.subject) == [.offer, .paymentOrder])
        #expect(requests.allSatisfy { $0.signers.map(\.displayName) == ["Valérie Validatrice"] }, "validators only")
        let page = try await harness.get(client, path(""), as: redacteur).text
        #expect(page.contains("Élodie Martin, IBAN FR76 3000 6000 0112 3456 7890 189, BIC BNPAFRPP"))
        #expect(
            !(try await harness.get(client, path(""), as: consultation).text.contains("FR76")),
            "bank details hidden"
        )
        #expect(try await harness.get(client, path("/virement"), as: budget).status == .notFound, "not signed yet")
        #expect(try await harness.post(client, path("/signature-arrete"), as: redacteur).status == .forbidden)
        #expect(try await harness.post(client, path("/signature-arrete"), as: validateur).status == .seeOther)
        try await Self.fileSignedOrder(client, harness, claim, budget: budget, consultation: consultation)
        let export = try await harness.get(client, path("/virement"), as: budget)
        #expect(export.status == .ok && export.text.contains("FR7630006000011234567890189"))
        #expect(try await harness.get(client, path("/virement"), as: consultation).status == .forbidden)
        #expect(try await harness.post(client, path("/transmission"), as: budget).status == .seeOther)
        let tomorrow = try await harness.post(
            client,
            path("/paiement"),
            as: budget,
            [("date-paiement", ParisDay.offset(1))]
        )
        #expect(tomorrow.status == .unprocessableContent && tomorrow.text.contains("entre la transmission"))
        let yesterday = try await harness.post(
            client,
            path("/paiement"),
            as: budget,
            [("date-paiement", ParisDay.offset(-1))]
        )
        #expect(yesterday.status == .unprocessableContent, "not before the hand-off")
        let today = try await harness.post(
            client,
            path("/paiement"),
            as: budget,
            [("date-paiement", ParisDay.offset(0))]
        )
        #expect(today.status == .seeOther)
    }

    /// The signed order is announced for documents to render; once its PDF is filed, agents who handle payments
    /// open it from the claim's page, others cannot (it carries the bank details).
    private static func fileSignedOrder(
        _ client: some TestClientProtocol,
        _ harness: InstructionHarness,
        _ claim: UUID,
        budget: InstructionHarness.SignedIn,
        consultation: InstructionHarness.SignedIn
    ) async throws {
        let signed = try #require(try await harness.events(PaymentOrderSigned.self).first)
        #expect(signed.order.paragraphs.contains { $0.contains("IBAN FR76 3000 6000 0112 3456 7890 189") })
        #expect(signed.order.signerName == "Valérie Validatrice" && signed.amountCents == 90_000)
        let pdf = UUID()
        try await harness.platform.client.withTransaction(logger: TestDatabase.logger) { connection in
            try await LetterRenderedHandler.file(
                LetterRendered(
                    claimId: claim,
                    documentId: pdf,
                    reference: signed.reference,
                    kind: .paymentOrder,
                    seal: signed.order.seal,
                    mediaType: "application/pdf",
                    size: 20_000,
                    sha256: String(repeating: "0", count: 64),
                    fileName: "Arrêté de paiement \(signed.reference).pdf",
                    renderedAt: Date()
                ),
                on: connection,
                logger: TestDatabase.logger
            )
        }
        let link = InstructionHarness.path(claim, "/pieces/\(pdf.uuidString.lowercased())")
        #expect(try await harness.get(client, InstructionHarness.path(claim), as: budget).text.contains(link))
        #expect(try await harness.get(client, link, as: budget).status == .seeOther, "to the documents service")
        #expect(try await harness.get(client, link, as: consultation).status == .notFound, "bank details")
    }

    private static func team(_ harness: InstructionHarness) async throws -> (
        InstructionHarness.SignedIn, InstructionHarness.SignedIn
    ) {
        (
            try await harness.agent(["redacteur"], name: "Rémi Rédacteur"),
            try await harness.agent(["validateur"], name: "Valérie Validatrice")
        )
    }

    /// A claim assigned to `redacteur` and in instruction.
    private static func inInstruction(
        _ harness: InstructionHarness,
        number: Int,
        redacteur: InstructionHarness.SignedIn
    ) async throws -> UUID {
        var event = ClaimFixtures.submitted(number: number)
        event.claimant.civility = "MME"
        return try await harness.inInstruction(event, assignee: redacteur)
    }

    private static func answer(_ harness: InstructionHarness, _ claim: UUID, accepting: Bool) async throws {
        try await harness.platform.client.withTransaction(logger: TestDatabase.logger) { connection in
            try await OfferAnswer.record(
                claim: claim,
                accepting: accepting,
                at: Date(),
                reason: accepting ? nil : "Trop peu",
                counterProposal: accepting ? nil : 180_000,
                on: connection,
                logger: TestDatabase.logger
            )
        }
    }
}
