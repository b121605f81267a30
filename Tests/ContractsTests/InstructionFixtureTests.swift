import Contracts
import Foundation
import Testing

/// Fixtures of the events instruction publishes.
extension GoldenFixtureTests {
    private static let agentId = UUID(uuidString: "2B3C4D5E-6F70-4812-9A3B-4C5D6E7F8091")!

    @Test func claimAssignedV1() throws {
        try Self.check(
            ClaimAssigned(
                claimId: Self.claimId,
                reference: "BRI-20261122-0042",
                assignee: .init(
                    agentId: Self.agentId,
                    displayName: "Camille Durand",
                    email: "camille.durand@justice.gouv.fr"
                ),
                assignedBy: Self.documentId,
                assignedAt: Self.at,
                isReassignment: false
            )
        )
    }

    @Test func instructionStartedAndClaimClosedV1() throws {
        try Self.check(InstructionStarted(claimId: Self.claimId, reference: "BRI-20261122-0042", startedAt: Self.at))
        try Self.check(
            ClaimClosed(
                claimId: Self.claimId,
                reference: "BRI-20261122-0042",
                reason: "doublon",
                explanation: "Votre demande fait double emploi avec le dossier papier déjà en cours.",
                closedAt: Self.at
            )
        )
    }

    @Test func informationRequestedV1() throws {
        try Self.check(
            InformationRequested(
                claimId: Self.claimId,
                reference: "BRI-20261122-0042",
                requestId: Self.agentId,
                documentTypes: ["facture", "rib"],
                message: "La facture jointe est illisible : merci d’en envoyer une copie nette.",
                dueOn: "2026-12-15",
                requestedAt: Self.at
            )
        )
    }
}

extension GoldenFixtureTests {
    @Test func claimCompletedByClaimantV1() throws {
        try Self.check(
            ClaimCompletedByClaimant(
                claimId: Self.claimId,
                reference: "BRI-20261122-0042",
                requestId: UUID(uuidString: "2B3C4D5E-6F70-4812-9A3B-4C5D6E7F8091")!,
                documents: [.init(id: Self.documentId, type: "facture")],
                message: "Voici la facture lisible.",
                answeredAt: Self.at
            )
        )
    }
}

extension GoldenFixtureTests {
    private static let letter = DecisionLetter(
        subject: "Proposition d’indemnisation — demande BRI-20261122-0042",
        paragraphs: ["Madame,", "Le ministère vous propose 1 250,50 €."],
        signerName: "Claire Validatrice",
        signedAt: Self.at,
        seal: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    )

    @Test func offerSentAndClaimRejectedV1() throws {
        try Self.check(
            OfferSent(
                claimId: Self.claimId,
                reference: "BRI-20261122-0042",
                amountCents: 125_050,
                amountInWords: "mille deux cent cinquante euros et cinquante centimes",
                breakdown: [.init(label: "Remplacement de la porte", amountCents: 125_050)],
                letter: Self.letter,
                answerBy: "2026-12-18",
                sentAt: Self.at
            )
        )
        try Self.check(
            ClaimRejected(
                claimId: Self.claimId,
                reference: "BRI-20261122-0042",
                reason: "MIS_EN_CAUSE",
                letter: Self.letter,
                rejectedAt: Self.at
            )
        )
    }

    @Test func offerAcceptedAndRefusedV1() throws {
        try Self.check(
            OfferAccepted(
                claimId: Self.claimId,
                reference: "BRI-20261122-0042",
                amountCents: 125_050,
                ibanSuffix: "0189",
                acceptedAt: Self.at
            )
        )
        try Self.check(
            OfferRefused(
                claimId: Self.claimId,
                reference: "BRI-20261122-0042",
                reason: "La porte blindée coûte plus cher.",
                counterProposalCents: 180_000,
                refusedAt: Self.at
            )
        )
    }
}

extension GoldenFixtureTests {
    @Test func paymentTransmittedAndClaimPaidV1() throws {
        try Self.check(
            PaymentTransmitted(
                claimId: Self.claimId,
                reference: "BRI-20261122-0042",
                amountCents: 125_050,
                batchReference: "VIR-20261118-7K2M9Q4A",
                transmittedAt: Self.at
            )
        )
        try Self.check(
            ClaimPaid(
                claimId: Self.claimId,
                reference: "BRI-20261122-0042",
                amountCents: 125_050,
                paidOn: "2026-11-25",
                recordedAt: Self.at
            )
        )
    }
}
