import Foundation
import Testing

@testable import Intake

struct ClaimFormTests {
    private let today = Date(timeIntervalSince1970: 1_795_000_000)  // 18 November 2026
    private let valid: [String: String] = [
        "firstName": "Élodie", "lastName": "Martin", "email": "elodie@example.fr", "doorBreakDate": "2026-11-01",
        "streetAddress": "3 rue des Lilas", "postalCode": "75011", "commune": "Paris",
        "accountHolder": "Élodie Martin", "iban": "FR7630006000011234567890189", "bic": "BNPAFRPP",
        "force": "GN", "armouredDoor": "non",
    ]

    @Test func aCompleteFormHasNoProblem() {
        #expect(ClaimForm(fields: valid).problems(today: today).isEmpty)
    }

    @Test func anEmptyFormNamesEveryFieldInFrench() {
        let problems = ClaimForm(fields: [:]).problems(today: today)
        #expect(Set(problems.keys) == Set(valid.keys))
        #expect(problems["firstName"] == "Indiquez votre prénom.")
        #expect(problems["postalCode"] == "Le code postal doit comporter 5 chiffres.")
    }

    @Test(arguments: [
        ("email", "elodie@", "email"), ("email", "a b@c.fr", "email"), ("postalCode", "7501", "postalCode"),
        ("postalCode", "7501A", "postalCode"), ("doorBreakDate", "2026-12-01", "doorBreakDate"),
        ("doorBreakDate", "01/11/2026", "doorBreakDate"), ("force", "FBI", "force"), ("armouredDoor", "peut-être", "armouredDoor"),
        ("iban", "FR7630006000011234567890188", "iban"), ("bic", "BNP", "bic"),
    ])
    func badValuesAreRefusedOnTheirField(field: String, value: String, expected: String) {
        var fields = valid
        fields[field] = value
        #expect(Array(ClaimForm(fields: fields).problems(today: today).keys) == [expected])
    }

    @Test func spacesAroundValuesAreTrimmed() {
        var fields = valid
        fields["commune"] = "  Paris  "
        #expect(ClaimForm(fields: fields).commune == "Paris")
    }

    @Test func referencesCarryTheDayAndAtLeastFourDigits() {
        #expect(ClaimReference.make(day: today, number: 42) == "BRI-20261118-0042")
        #expect(ClaimReference.make(day: today, number: 12_345) == "BRI-20261118-12345")
    }
}
