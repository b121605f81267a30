import Testing

@testable import Intake

struct EligibilityTests {
    private func answers(_ query: [String: String]) -> EligibilityAnswers { EligibilityAnswers(query: query) }

    @Test func questionsComeOneAtATimeInOrder() {
        #expect(answers([:]).nextQuestion == .relation)
        #expect(answers(["statut": "locataire"]).nextQuestion == .targeted)
        #expect(answers(["statut": "locataire", "vise": "non"]).nextQuestion == .hosting)
        #expect(answers(["statut": "locataire", "vise": "non", "heberge": "non"]).nextQuestion == .insurer)
        #expect(answers(["statut": "locataire", "vise": "non", "heberge": "non", "assureur": "oui"]).nextQuestion == .landlord)
        #expect(answers(["statut": "proprietaire-occupant", "vise": "non", "heberge": "non", "assureur": "oui"]).nextQuestion == nil)
    }

    @Test func beingTheTargetEndsTheTestAsIneligible() {
        let result = answers(["statut": "proprietaire-occupant", "vise": "oui", "heberge": "non"])
        #expect(result.nextQuestion == nil)
        #expect(result.outcome == .ineligible(.targeted))
        #expect(result.hosting == nil, "an answer the test would not have asked is ignored")
    }

    @Test func hostingTheTargetIsIneligible() {
        #expect(answers(["statut": "proprietaire-bailleur", "vise": "non", "heberge": "oui"]).outcome == .ineligible(.hostedTargetedPerson))
    }

    @Test func missingCertificatesAreWarningsNotRefusals() {
        let tenant = answers(["statut": "locataire", "vise": "non", "heberge": "non", "assureur": "non", "bailleur": "non"])
        #expect(tenant.outcome == .eligible(missing: [.insurer, .landlord]))
        let owner = answers(["statut": "proprietaire-occupant", "vise": "non", "heberge": "non", "assureur": "oui"])
        #expect(owner.outcome == .eligible(missing: []))
    }

    @Test func invalidValuesAreTreatedAsUnanswered() {
        #expect(answers(["statut": "squatteur"]).nextQuestion == .relation)
        #expect(answers(["statut": "locataire", "vise": "peut-être"]).nextQuestion == .targeted)
    }

    @Test(arguments: [
        (DwellingRelation.ownerOccupier, DocumentType.titleDeed), (.tenant, .landlordCertificate), (.ownerLandlord, .lease),
        (.socialLandlord, .companyRegistration),
    ])
    func theSituationDrivesTheDocumentList(relation: DwellingRelation, specific: DocumentType) {
        let documents = DocumentType.required(for: relation, fromPoliceDeclaration: false)
        #expect(documents.contains(specific))
        #expect(documents.contains(.policeAttestation) && documents.contains(.insurerCertificate))
        #expect(!DocumentType.required(for: relation, fromPoliceDeclaration: true).contains(.policeAttestation))
    }
}
