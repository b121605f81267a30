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

    @Test func claimRetentionExpiredV1() throws {
        try Self.check(
            ClaimRetentionExpired(
                claimId: Self.claimId,
                reference: "BRI-20261122-0042",
                closedAt: Self.at,
                declarationId: Self.documentId,
                documentFolders: [Self.claimId, Self.documentId],
                expiredAt: Self.at.addingTimeInterval(366 * 86_400)
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

extension GoldenFixtureTests {
    @Test func paymentOrderSignedAndLetterRenderedV1() throws {
        try Self.check(
            PaymentOrderSigned(
                claimId: Self.claimId,
                reference: "BRI-20261122-0042",
                amountCents: 125_050,
                order: DecisionLetter(
                    subject: "Arrêté de paiement — demande BRI-20261122-0042",
                    paragraphs: [
                        "Vu la loi de finances pour 2026 ;",
                        "Article 1 — Une somme de 1 250,50 € est allouée au requérant.",
                    ],
                    signerName: "Claire Validatrice",
                    signedAt: Self.at,
                    seal: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
                )
            )
        )
        try Self.check(
            LetterRendered(
                claimId: Self.claimId,
                documentId: Self.documentId,
                reference: "BRI-20261122-0042",
                kind: .decision,
                seal: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                mediaType: "application/pdf",
                size: 23_817,
                sha256: "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752",
                fileName: "Décision BRI-20261122-0042.pdf",
                renderedAt: Self.at
            )
        )
    }
}

extension GoldenFixtureTests {
    @Test func signatureRequestedAndClaimAwaitingAssignmentV1() throws {
        try Self.check(
            SignatureRequested(
                claimId: Self.claimId,
                reference: "BRI-20261122-0042",
                subject: .rejection,
                signers: [
                    .init(
                        agentId: Self.agentId,
                        displayName: "Claire Validatrice",
                        email: "claire.validatrice@justice.gouv.fr"
                    )
                ],
                requestedAt: Self.at
            )
        )
        try Self.check(
            ClaimAwaitingAssignment(
                claimId: Self.claimId,
                reference: "BRI-20261122-0042",
                attributeurs: [
                    .init(
                        agentId: Self.agentId,
                        displayName: "Alain Attributeur",
                        email: "alain.attributeur@justice.gouv.fr"
                    )
                ],
                receivedAt: Self.at
            )
        )
    }
}

extension GoldenFixtureTests {
    @Test func agentDigestV1() throws {
        try Self.check(
            AgentDigest(
                agent: .init(
                    agentId: Self.agentId,
                    displayName: "Claire Validatrice",
                    email: "claire.validatrice@justice.gouv.fr"
                ),
                day: "2026-11-25",
                lines: [.init(label: "Proposition à signer", count: 3, overdue: 1)]
            )
        )
    }
}
