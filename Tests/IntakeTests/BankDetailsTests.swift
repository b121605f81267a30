import Testing

@testable import Intake

struct BankDetailsTests {
    @Test(arguments: ["FR76 3000 6000 0112 3456 7890 189", "fr7630006000011234567890189", "DE89 3704 0044 0532 0130 00"])
    func validIBANsPassOnceNormalised(iban: String) {
        #expect(BankDetails.ibanProblem(BankDetails.normalised(iban)) == nil)
    }

    @Test func eachKindOfMistakeHasItsOwnFrenchMessage() {
        #expect(BankDetails.ibanProblem("")?.hasPrefix("Indiquez l’IBAN") == true)
        #expect(BankDetails.ibanProblem("FR76-3000")?.contains("lettres et des chiffres") == true)
        #expect(BankDetails.ibanProblem("US12345678901234")?.contains("zone SEPA") == true)
        #expect(BankDetails.ibanProblem("FR763000600001123456789018")?.contains("27 caractères") == true)
        #expect(BankDetails.ibanProblem("FR7630006000011234567890188")?.contains("mal recopié") == true)
    }

    @Test func bicsHaveEightOrElevenCharactersInTheRightPlaces() {
        #expect(BankDetails.bicProblem("BNPAFRPP") == nil)
        #expect(BankDetails.bicProblem("BNPAFRPPXXX") == nil)
        #expect(BankDetails.bicProblem("BNPAFRP") != nil)
        #expect(BankDetails.bicProblem("BNP1FRPP") != nil)
        #expect(BankDetails.bicProblem("") != nil)
    }

    @Test func onlyTheLastFourCharactersAreShownBack() {
        let details = BankDetails(iban: "FR7630006000011234567890189", bic: "BNPAFRPP", holder: "Élodie Martin")
        #expect(details.ibanSuffix == "0189")
    }
}
