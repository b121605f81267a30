import Contracts
import Foundation

/// Claims for tests: fictitious people, valid data.
package enum ClaimFixtures {
    /// A distinct, valid `ClaimSubmitted` per number.
    package static func submitted(number: Int, id: UUID = UUID()) -> ClaimSubmitted {
        ClaimSubmitted(
            claimId: id,
            reference: String(format: "BRI-20261123-T%05d", number) + "-\(id.uuidString.prefix(4))",
            submittedAt: Date(timeIntervalSince1970: 1_795_000_000),
            claimant: .init(
                firstName: "Camille",
                lastName: "Test\(number)",
                email: "camille.test\(number)@example.org"
            ),
            doorBreak: .init(
                date: "2026-11-01",
                streetAddress: "1 rue de l’Essai",
                postalCode: "69003",
                commune: "Lyon"
            )
        )
    }

    /// A bank-details key for tests (32 bytes, base64), never used outside them.
    package static let bankDetailsKey = Data(repeating: 42, count: 32).base64EncodedString()

    /// The key intake and instruction share in tests to seal the bank details of an accepted offer.
    package static let paymentDetailsKey = Data(repeating: 9, count: 32).base64EncodedString()

    /// The key intake and documents share in tests to sign document grants.
    package static let documentGrantKey = Data(repeating: 7, count: 32).base64EncodedString()

    /// Every answer of a complete claim filed by a person, as the form and the JSON API name them.
    /// `INTAKE_API_TOKEN` of the test services.
    package static let apiToken = "jeton-d-api-de-test-0123456789abcdef0123"

    package static func formJSON(email: String = "claimant@example.org") -> [String: String] {
        [
            "claimantKind": "personne", "civility": "MME", "firstName": "Élodie", "lastName": "Martin",
            "birthDate": "1985-04-12", "birthPlace": "Lyon", "email": email,
            "residenceStreetAddress": "3 rue des Lilas", "residencePostalCode": "75011", "residenceCommune": "Paris",
            "capacity": "locataire", "streetAddress": "3 rue des Lilas", "postalCode": "75011", "commune": "Paris",
            "doorBreakDate": "2026-11-01", "force": "PN", "armouredDoor": "non",
            "description": "Intervention de nuit, porte enfoncée au bélier, serrure et encadrement à remplacer.",
            "claimedAmount": "1250,50", "accountHolder": "Élodie Martin", "iban": "FR76 3000 6000 0112 3456 7890 189",
            "bic": "BNPAFRPP",
        ]
    }

    /// The answers a legal entity gives instead of a person's (representative, company number).
    package static func legalEntityJSON(email: String = "bailleur@example.org") -> [String: String] {
        var fields = formJSON(email: email)
        for person in ["birthDate", "birthPlace"] { fields[person] = nil }
        fields.merge([
            "claimantKind": "personne-morale", "entityType": "BAILLEUR_SOCIAL", "companyName": "Habitat Test SA",
            "companyNumber": "443 061 841", "representativeRole": "Directeur de la gestion locative",
            "capacity": "bailleur-social", "accountHolder": "Habitat Test SA",
        ]) { _, new in new }
        return fields
    }
}
