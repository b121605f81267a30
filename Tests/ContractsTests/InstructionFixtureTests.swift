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
