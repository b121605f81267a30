import Contracts
import Foundation
import Testing

/// Fixtures of the events liaison publishes.
extension GoldenFixtureTests {
    static let declarationId = UUID(uuidString: "7D8E9F0A-1B2C-4D3E-8F4A-5B6C7D8E9F0A")!

    @Test func declarationSubmittedV1() throws {
        try Self.check(
            DeclarationSubmitted(
                declarationId: Self.declarationId,
                code: try #require(DeclarationCode(typed: "KX7P-M2QR")),
                codeExpiresAt: Self.at.addingTimeInterval(90 * 86_400),
                force: "GN",
                unitCode: "GN-BR-69-LYON",
                operationalError: "oui",
                facts: "Porte palière enfoncée au bélier ; l’appartement visé était au 3e étage.",
                operationDate: "2026-11-18",
                address: .init(streetAddress: "12 rue Garibaldi", postalCode: "69006", commune: "Lyon"),
                procedure: .init(
                    number: "2026-000123",
                    investigatingService: "Brigade de recherches de Lyon",
                    servicePhone: "+33478000000",
                    court: "Parquet de Lyon",
                    magistrate: nil
                ),
                occupant: .init(
                    civility: "madame",
                    lastName: "Bernard",
                    firstName: "Lucie",
                    email: "lucie.bernard@example.org",
                    phone: nil
                ),
                occupantDetails: nil,
                submittedAt: Self.at
            )
        )
    }

    @Test func declarationCodesAreReadLenientlyAndShownInTwoGroups() throws {
        let code = try #require(DeclarationCode(typed: " kx7p-m2qr "))
        #expect(code.value == "KX7PM2QR" && code.display == "KX7P-M2QR")
        #expect(DeclarationCode(typed: "KX7P-M2Q0") == nil, "0 is not in the alphabet")
        #expect(DeclarationCode(typed: "KX7P-M2Q") == nil)
        let random = DeclarationCode.random()
        #expect(DeclarationCode(typed: random.display) == random)
    }
}

/// Fixtures of the events intake publishes when a claimant attaches a declaration.
extension GoldenFixtureTests {
    @Test func declarationLinkedAndAttachConfirmationRequestedV1() throws {
        try Self.check(DeclarationLinked(declarationId: Self.declarationId, claimId: Self.claimId, linkedAt: Self.at))
        try Self.check(
            AttachConfirmationRequested(
                email: "lucie.bernard@example.org",
                confirmationCode: "482915",
                expiresAt: Self.at.addingTimeInterval(900)
            )
        )
    }
}

/// Fixtures of the question thread between a rédacteur and a unit.
extension GoldenFixtureTests {
    private static let queryId = UUID(uuidString: "3C4D5E6F-7081-4923-8A4B-5C6D7E8F9012")!

    @Test func investigatorQuerySentAndAnsweredV1() throws {
        try Self.check(
            InvestigatorQuerySent(
                queryId: Self.queryId,
                claimId: Self.claimId,
                reference: "BRI-20261122-0042",
                declarationId: Self.declarationId,
                unitCode: "GN-BR-69-LYON",
                question: "La porte était-elle déjà endommagée avant l’opération ?",
                dueOn: "2026-12-02",
                askedBy: "Camille Durand",
                askedAt: Self.at
            )
        )
        try Self.check(
            InvestigatorQueryAnswered(
                queryId: Self.queryId,
                claimId: Self.claimId,
                reference: "BRI-20261122-0042",
                answer: "Non, elle était intacte : voir les photos jointes à la déclaration.",
                answeredBy: "Adjudant Morel",
                answeredAt: Self.at
            )
        )
    }
}

extension GoldenFixtureTests {
    @Test func declarationContactUpdatedV1() throws {
        try Self.check(
            DeclarationContactUpdated(
                declarationId: Self.declarationId,
                code: try #require(DeclarationCode(typed: "KX7P-M2QR")),
                codeExpiresAt: Self.at.addingTimeInterval(90 * 86_400),
                force: "GN",
                operationDate: "2026-11-18",
                address: .init(streetAddress: "12 rue Garibaldi", postalCode: "69006", commune: "Lyon"),
                occupant: .init(
                    civility: "monsieur",
                    lastName: "Bernard",
                    firstName: "Paul",
                    email: nil,
                    phone: "+33612345678"
                ),
                updatedAt: Self.at
            )
        )
    }
}

extension GoldenFixtureTests {
    @Test func noticeRenderedV1() throws {
        try Self.check(
            NoticeRendered(
                declarationId: Self.declarationId,
                documentId: Self.documentId,
                mediaType: "application/pdf",
                size: 48_213,
                sha256: String(repeating: "ab", count: 32),
                fileName: "Avis KX7P-M2QR.pdf",
                renderedAt: Self.at
            )
        )
    }
}

extension GoldenFixtureTests {
    @Test func investigatorQueryReminderV1() throws {
        try Self.check(
            InvestigatorQueryReminder(
                queryId: UUID(uuidString: "3C4D5E6F-7081-4923-8A4B-5C6D7E8F9012")!,
                declarationId: Self.declarationId,
                reference: "BRI-20261122-0042",
                dueOn: "2026-11-20",
                overdue: false,
                recipients: [
                    .init(
                        agentId: Self.documentId,
                        displayName: "Julie Morel",
                        email: "julie.morel@gendarmerie.interieur.gouv.fr"
                    )
                ],
                remindedAt: Self.at
            )
        )
    }
}

extension GoldenFixtureTests {
    @Test func declarationDraftDeletedV1() throws {
        try Self.check(
            DeclarationDraftDeleted(
                declarationId: Self.declarationId,
                documentIds: [Self.documentId],
                deletedAt: Self.at
            )
        )
    }
}

extension GoldenFixtureTests {
    @Test func declarationAttachmentAddedV1() throws {
        try Self.check(
            DeclarationAttachmentAdded(
                declarationId: Self.declarationId,
                attachment: .init(id: Self.documentId, type: "photo_fdo"),
                addedAt: Self.at
            )
        )
    }
}

/// Fixtures of the reminders intake sends claimants.
extension GoldenFixtureTests {
    @Test func claimantReminderV1() throws {
        try Self.check(
            ClaimantReminder(
                kind: .informationDue,
                claimId: Self.claimId,
                reference: "BRI-20261122-0042",
                email: "elodie.martin@example.org",
                firstName: "Élodie",
                dueOn: "2026-11-20",
                remindedAt: Self.at
            )
        )
    }
}
