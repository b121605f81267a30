import Contracts
import Foundation
import Testing

/// Every contract version's JSON is pinned by a fixture: encoding must not drift, old payloads must decode.
struct GoldenFixtureTests {
    static let claimId = UUID(uuidString: "5f0e8c1a-3b7d-4c2e-9a61-0d4b8e2f7c13")!
    static let at = Date(timeIntervalSince1970: 1_795_000_000)

    private static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "json"))
        return try Data(contentsOf: url)
    }

    static func check<E: EventContract>(_ event: E, variant: String = "") throws {
        let data = try fixture("\(E.routingKey)\(variant)")
        #expect(
            try ContractCoding.decoder().decode(E.self, from: data) == event,
            "\(E.routingKey) no longer decodes its fixture"
        )
        let encoded = String(decoding: try ContractCoding.encoder().encode(event), as: UTF8.self)
        let pinned = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(encoded == pinned, "\(E.routingKey) encoding changed: add a new version instead")
    }

    @Test func claimSubmittedV1() throws {
        try Self.check(
            ClaimSubmitted(
                claimId: Self.claimId,
                reference: "BRI-20261122-0042",
                submittedAt: Self.at,
                claimant: .init(firstName: "Élodie", lastName: "Martin", email: "elodie.martin@example.org"),
                doorBreak: .init(
                    date: "2026-11-01",
                    streetAddress: "3 rue des Lilas",
                    postalCode: "75011",
                    commune: "Paris"
                )
            )
        )
    }

    static let documentId = UUID(uuidString: "9C1D2E3F-4A5B-4C6D-8E7F-8091A2B3C4D5")!
    private static let uploaderId = UUID(uuidString: "1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D")!

    @Test func receiptIssuedV1() throws {
        try Self.check(
            ReceiptIssued(
                claimId: Self.claimId,
                documentId: Self.documentId,
                reference: "BRI-20261122-0042",
                mediaType: "application/pdf",
                size: 14_213,
                sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                fileName: "Récépissé BRI-20261122-0042.pdf",
                issuedAt: Self.at
            )
        )
    }

    @Test func documentStoredV1() throws {
        try Self.check(
            DocumentStored(
                documentId: Self.documentId,
                claimId: Self.claimId,
                uploadedBy: Self.uploaderId,
                type: "facture",
                mediaType: "application/pdf",
                size: 48_213,
                sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                fileName: "Facture serrurier.pdf",
                scanStatus: "clean",
                storedAt: Self.at
            )
        )
    }

    @Test func documentScannedRejectedAndWithdrawnV1() throws {
        try Self.check(
            DocumentScanned(documentId: Self.documentId, claimId: Self.claimId, verdict: "infected", scannedAt: Self.at)
        )
        try Self.check(
            DocumentRejected(
                claimId: Self.claimId,
                uploadedBy: Self.uploaderId,
                type: "rib",
                reason: "format",
                rejectedAt: Self.at
            )
        )
        try Self.check(DocumentWithdrawn(documentId: Self.documentId, claimId: Self.claimId, withdrawnAt: Self.at))
    }

    @Test func claimSubmittedV1WithTheOptionalSnapshotOfALegalEntity() throws {
        try Self.check(
            ClaimSubmitted(
                claimId: Self.claimId,
                reference: "BRI-20261122-0042",
                submittedAt: Self.at,
                claimant: .init(
                    firstName: "Jeanne",
                    lastName: "Durand",
                    email: "contact@habitat-test.example.org",
                    civility: "MME",
                    phone: "+33612345678",
                    address: .init(streetAddress: "10 avenue du Siège", postalCode: "69003", commune: "Lyon")
                ),
                doorBreak: .init(
                    date: "2026-11-01",
                    streetAddress: "4 rue des Tilleuls",
                    postalCode: "69008",
                    commune: "Lyon",
                    force: "GN",
                    armouredDoor: false,
                    description: "Porte enfoncée au bélier."
                ),
                legalEntity: .init(
                    type: "BAILLEUR_SOCIAL",
                    name: "Habitat Test SA",
                    companyNumber: "443061841",
                    representativeRole: "Directrice de la gestion locative"
                ),
                capacity: .init(code: "bailleur-social"),
                claimedAmountCents: 125_050,
                documents: [.init(id: Self.documentId, type: "facture")]
            ),
            variant: ".with-legal-entity"
        )
    }

    @Test func claimSubmittedV1WithTheOptionalEligibility() throws {
        try Self.check(
            ClaimSubmitted(
                claimId: Self.claimId,
                reference: "BRI-20261122-0042",
                submittedAt: Self.at,
                claimant: .init(firstName: "Élodie", lastName: "Martin", email: "elodie.martin@example.org"),
                doorBreak: .init(
                    date: "2026-11-01",
                    streetAddress: "3 rue des Lilas",
                    postalCode: "75011",
                    commune: "Paris",
                    department: "75"
                ),
                eligibility: .init(
                    dwellingRelation: "locataire",
                    outcome: "ineligible-hosting",
                    filedAgainstAdvice: true
                )
            ),
            variant: ".with-eligibility"
        )
    }

    @Test func subjectRequestsV1() throws {
        try Self.check(
            SubjectRequestOpened(
                requestId: Self.claimId,
                kind: .access,
                email: "elodie.martin@example.org",
                openedAt: Self.at
            )
        )
        let report = SubjectRequestReport(
            requestId: Self.claimId,
            records: 2,
            data: "{\"claims\":[]}",
            reportedAt: Self.at
        )
        try Self.check(IntakeSubjectReport(report: report))
        try Self.check(LiaisonSubjectReport(report: report))
        try Self.check(NotificationSubjectReport(report: report))
    }

    @Test func dataSummaryV1() throws {
        let line = PersonalDataSummary.Line(label: "Adresse électronique", value: "elodie.martin@example.org")
        try Self.check(
            DataSummaryRequested(
                summaryId: Self.documentId,
                accountId: Self.claimId,
                requestedAt: Self.at,
                summary: .init(
                    account: [line],
                    claims: [
                        .init(title: "BRI-20261122-0042", lines: [line], documents: ["facture.pdf"], history: [line])
                    ]
                )
            )
        )
        try Self.check(
            DataSummaryRendered(
                summaryId: Self.documentId,
                accountId: Self.claimId,
                documentId: Self.documentId,
                fileName: "Relevé de mes données.pdf",
                size: 20_480,
                renderedAt: Self.at
            )
        )
    }

    @Test func declarationExpiredV1() throws {
        try Self.check(DeclarationExpired(declarationId: Self.claimId, expiredAt: Self.at))
    }

    @Test func draftPurgedV1() throws {
        try Self.check(DraftPurged(claimId: Self.claimId, purgedAt: Self.at))
    }

    @Test func claimantVerificationRequestedV1() throws {
        try Self.check(
            ClaimantVerificationRequested(
                accountId: Self.claimId,
                email: "elodie.martin@example.org",
                verificationURL: "https://mon-indemnisation.justice.gouv.fr/compte/activation/t0k3n",
                expiresAt: Self.at
            )
        )
    }

    @Test func passwordResetRequestedV1() throws {
        try Self.check(
            PasswordResetRequested(
                accountId: Self.claimId,
                email: "elodie.martin@example.org",
                resetURL: "https://mon-indemnisation.justice.gouv.fr/connexion/nouveau-mot-de-passe/t0k3n",
                expiresAt: Self.at
            )
        )
    }

    @Test func notificationSentV1() throws {
        try Self.check(
            NotificationSent(
                notificationId: Self.claimId,
                claimId: Self.claimId,
                template: "claim-acknowledgement",
                channel: "email",
                sentAt: Self.at
            )
        )
    }

    @Test func notificationFailedV1() throws {
        try Self.check(
            NotificationFailed(
                notificationId: Self.claimId,
                claimId: nil,
                template: "claim-acknowledgement",
                channel: "email",
                reason: "550 mailbox unavailable",
                failedAt: Self.at
            )
        )
    }

    /// The audience, added to version 1 as an optional field: older messages still decode.
    @Test func notificationEventsWithTheirAudience() throws {
        try Self.check(
            NotificationSent(
                notificationId: Self.claimId,
                claimId: Self.claimId,
                template: "claim-acknowledgement",
                channel: "email",
                sentAt: Self.at,
                audience: .claimant
            ),
            variant: ".with-audience"
        )
        try Self.check(
            NotificationFailed(
                notificationId: Self.claimId,
                claimId: Self.claimId,
                template: "offer-sent",
                channel: "email",
                reason: "RCPT TO: 550 5.1.1 <(adresse)>: mailbox unavailable",
                failedAt: Self.at,
                audience: .claimant
            ),
            variant: ".with-audience"
        )
    }

    @Test func routingKeysFollowTheNamingRule() {
        #expect(ClaimSubmitted.routingKey == "intake.claim-submitted.v1")
        #expect(NotificationSent.routingKey == "notification.notification-sent.v1")
        #expect(NotificationFailed.routingKey == "notification.notification-failed.v1")
    }
}
