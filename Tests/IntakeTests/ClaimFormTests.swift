import Foundation
import ServiceKit
import TestSupport
import Testing
import WebUI

@testable import Intake

struct ClaimFormTests {
    private let today = Date(timeIntervalSince1970: 1_795_000_000)  // 18 November 2026
    private let valid = ClaimFixtures.formJSON()

    private func problems(_ fields: [String: String]) -> [String: String] {
        ClaimForm(fields: fields).problems(today: today)
    }

    // MARK: - The whole claim

    @Test func aCompleteClaimOfAPersonOrALegalEntityHasNoProblem() {
        #expect(problems(valid).isEmpty)
        #expect(problems(ClaimFixtures.legalEntityJSON()).isEmpty)
    }

    /// At 00:30 in Paris (23:30 UTC the day before), a door broken in the night is today's, not the future's.
    @Test func justAfterMidnightInParisTodaysDoorBreakIsAccepted() {
        let halfPastMidnight = Date(timeIntervalSince1970: 1_796_167_800)  // 2026-12-01T23:30:00Z
        var fields = valid
        fields["doorBreakDate"] = "2026-12-02"
        #expect(ClaimForm(fields: fields).problems(today: halfPastMidnight)["doorBreakDate"] == nil)
        fields["doorBreakDate"] = "2026-12-03"
        #expect(ClaimForm(fields: fields).problems(today: halfPastMidnight)["doorBreakDate"]?.contains("futur") == true)
    }

    @Test func anEmptyClaimNamesEveryRequiredFieldInFrench() {
        let problems = problems([:])
        let optional: Set = ["birthName", "phone", "capacityDetail"]
        let required = Set(ClaimStep.allCases.flatMap { $0.fields(for: .person) }.map(\.rawValue) + ["email"])
        #expect(Set(problems.keys) == required.subtracting(optional))
        #expect(problems["firstName"] == "Indiquez votre prénom.")
        #expect(problems["postalCode"] == "Le code postal doit comporter 5 chiffres.")
        #expect(problems["claimantKind"] != nil && problems["description"] != nil)
    }

    @Test func aLegalEntityIsAskedForItsRepresentativeAndNumberButNotForABirthDate() {
        var fields = ClaimFixtures.legalEntityJSON()
        for field in ["entityType", "companyName", "companyNumber", "representativeRole", "firstName"] {
            fields[field] = nil
        }
        let problems = problems(fields)
        #expect(
            Set(problems.keys) == ["entityType", "companyName", "companyNumber", "representativeRole", "firstName"]
        )
        #expect(problems["firstName"] == "Indiquez le prénom du représentant.")
    }

    @Test(arguments: [
        ("email", "elodie@"), ("postalCode", "7501"), ("residencePostalCode", "7501A"), ("doorBreakDate", "2026-12-01"),
        ("doorBreakDate", "01/11/2026"), ("force", "FBI"), ("armouredDoor", "peut-être"),
        ("iban", "FR7630006000011234567890188"), ("bic", "BNP"), ("civility", "Dr"), ("birthDate", "2030-01-01"),
        ("birthDate", "1850-01-01"), ("phone", "12"), ("claimedAmount", "0"), ("claimedAmount", "12,345"),
        ("claimedAmount", "100000,01"), ("capacity", "squatteur"), ("claimantKind", "robot"),
        ("description", String(repeating: "x", count: 4001)),
    ])
    func badValuesAreRefusedOnTheirOwnField(field: String, value: String) {
        var fields = valid
        fields[field] = value
        #expect(Array(problems(fields).keys) == [field])
    }

    @Test func anOtherCapacityMustBeDescribed() {
        var fields = valid
        fields["capacity"] = "autre"
        #expect(Array(problems(fields).keys) == ["capacityDetail"])
        fields["capacityDetail"] = "Usufruitier"
        #expect(problems(fields).isEmpty)
    }

    @Test func spacesAroundValuesAreTrimmed() {
        var fields = valid
        fields["commune"] = "  Paris  "
        #expect(ClaimForm(fields: fields)[.commune] == "Paris")
    }

    // MARK: - Drafts

    @Test func savingAStepReplacesOnlyItsAnswersAndClearsWhatWasLeftOut() {
        var form = ClaimForm(fields: valid)
        form.update(.facts, from: ["doorBreakDate": "2026-10-30", "description": "Autre récit"])
        #expect(form[.doorBreakDate] == "2026-10-30" && form[.description] == "Autre récit")
        #expect(form[.force].isEmpty, "an unchecked choice is cleared, not kept from before")
        #expect(form[.lastName] == "Martin", "other steps are untouched")
        form.update(.facts, from: ["lastName": "Intrus"])
        #expect(form[.lastName] == "Martin", "a step cannot set another step's answers")
    }

    @Test func choosingALegalEntityShowsItsQuestionsInTheIdentityStep() {
        var form = ClaimForm(fields: [:])
        form.update(.claimant, from: ["claimantKind": "personne-morale"])
        #expect(ClaimStep.identity.fields(for: form.kind).contains(.companyNumber))
        #expect(!ClaimStep.identity.fields(for: form.kind).contains(.birthDate))
    }

    @Test func bankAnswersAreNeverAmongThePlainAnswers() {
        let form = ClaimForm(fields: valid.merging(["statut": "locataire"]) { _, new in new })
        #expect(form.plainAnswers["iban"] == nil && form.plainAnswers["bic"] == nil)
        #expect(form.plainAnswers["accountHolder"] == nil)
        #expect(form.plainAnswers["statut"] == "locataire", "the eligibility answers are kept with the draft")
        #expect(form.bankAnswers["iban"] == valid["iban"])
    }

    @Test func aDraftResumesAtItsFirstIncompleteStep() {
        var fields = valid
        fields["claimedAmount"] = nil
        #expect(ClaimForm(fields: fields).firstIncompleteStep(today: today) == .amount)
        #expect(ClaimForm(fields: valid).firstIncompleteStep(today: today) == nil)
        #expect(
            ClaimStep.claimant.next == .identity && ClaimStep.documents.next == nil
                && ClaimStep.claimant.previous == nil
        )
    }

    // MARK: - Values

    @Test(arguments: [
        ("443061841", true), ("443 061 841", true), ("44306184100047", true), ("443061842", false),
        ("4430618", false), ("35600000049837", true), ("35600000049838", false), ("ABCDEFGHI", false),
    ])
    func companyNumbersPassTheINSEEChecksum(number: String, valid: Bool) {
        #expect((CompanyNumber.problem(CompanyNumber.normalised(number)) == nil) == valid)
    }

    @Test(arguments: [
        ("1250,50", 125_050), ("1 250,5 €", 125_050), ("1250.50", 125_050), ("80", 8000), ("0,99", 99),
    ])
    func amountsAreReadAsFrenchPeopleTypeThem(text: String, cents: Int) {
        #expect(EuroAmount.cents(text) == cents)
    }

    @Test(arguments: ["12,345", "1.250,50", "-5", ",50", "abc", ""])
    func malformedAmountsAreNotRead(text: String) {
        #expect(EuroAmount.cents(text) == nil)
    }

    @Test func amountsAreShownInFrench() {
        #expect(Euros.formatted(cents: 125_050).hasSuffix("250,50 €"))
    }

    @Test(arguments: [
        ("06 12 34 56 78", "+33612345678"), ("+33 6 12 34 56 78", "+33612345678"), ("0033612345678", "+33612345678"),
        ("+32 470 12 34 56", "+32470123456"),
    ])
    func phoneNumbersBecomeE164(text: String, e164: String) {
        #expect(PhoneNumber.e164(text) == e164)
    }

    @Test(arguments: ["612345678", "+33061234567", "06 12 34", "+1"])
    func impossiblePhoneNumbersAreRefused(text: String) {
        #expect(PhoneNumber.e164(text) == nil)
    }

    @Test func referencesCarryTheDayAndAtLeastFourDigits() {
        #expect(ClaimReference.make(day: today, number: 42) == "BRI-20261118-0042")
        #expect(ClaimReference.make(day: today, number: 12_345) == "BRI-20261118-12345")
    }
}
