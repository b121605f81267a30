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
            claimant: .init(firstName: "Camille", lastName: "Test\(number)", email: "camille.test\(number)@example.org"),
            doorBreak: .init(date: "2026-11-01", streetAddress: "1 rue de l’Essai", postalCode: "69003", commune: "Lyon")
        )
    }

    /// A bank-details key for tests (32 bytes, base64), never used outside them.
    package static let bankDetailsKey = Data(repeating: 42, count: 32).base64EncodedString()

    /// The JSON body of a valid claim form.
    package static func formJSON(email: String = "claimant@example.org") -> [String: String] {
        [
            "firstName": "Élodie", "lastName": "Martin", "email": email, "doorBreakDate": "2026-11-01",
            "streetAddress": "3 rue des Lilas", "postalCode": "75011", "commune": "Paris",
            "accountHolder": "Élodie Martin", "iban": "FR76 3000 6000 0112 3456 7890 189", "bic": "BNPAFRPP",
            "force": "PN", "armouredDoor": "non",
        ]
    }
}
