import Contracts
import Foundation
import Testing
import WebUI

@testable import Liaison

/// The declaration's answers are checked on the server, field by field, in French.
struct DeclarationFormTests {
    static let today = Date(timeIntervalSince1970: 1_795_000_000)  // 18 November 2026

    static func complete() -> DeclarationForm {
        DeclarationForm(answers: [
            "erreur": "oui", "description": "Porte enfoncée au bélier : le logement visé était à l’étage au-dessus.",
            "dateOperation": "2026-11-17", "adresse": "12 rue Garibaldi", "codePostal": "69006", "commune": "Lyon",
            "serviceEnqueteur": "Brigade de recherches de Lyon", "telephoneService": "04 78 00 00 00",
            "numeroProcedure": "2026-000123", "occupantConnu": "oui", "civilite": "madame", "nom": "Bernard",
            "prenom": "Lucie", "courriel": " Lucie.Bernard@Example.org ", "telephone": "",
        ])
    }

    private static let investigator = Investigator(
        id: UUID(),
        displayName: "A",
        force: "GN",
        unitCode: "GN-BR-69",
        unitName: ""
    )

    private static func event(of form: DeclarationForm) -> DeclarationSubmitted {
        DeclarationSubmitted(
            form,
            id: UUID(),
            investigator: investigator,
            code: DeclarationCode.random(),
            codeExpiresAt: today,
            at: today
        )
    }

    @Test func aCompleteDeclarationHasNoProblem() {
        #expect(Self.complete().firstIncompleteStep(today: Self.today) == nil)
    }

    @Test func anEmptyDraftStartsAtTheFactsWithEveryRequiredAnswerNamed() {
        let empty = DeclarationForm()
        #expect(empty.firstIncompleteStep(today: Self.today) == .facts)
        let problems = empty.problems(in: .facts, today: Self.today)
        #expect(
            Set(problems.keys) == [
                .operationalError, .errorDescription, .operationDate, .streetAddress, .postalCode, .commune,
            ]
        )
        #expect(problems[.operationDate] == "Indiquez la date de l’opération.")
        #expect(empty.problems(in: .procedure, today: Self.today)[.court] == nil, "the court is optional")
    }

    @Test func datesInTheFutureOrBeyondFourYearsAreRefused() {
        var form = Self.complete()
        form[.operationDate] = "2026-11-19"
        #expect(
            form.problems(in: .facts, today: Self.today)[.operationDate]
                == "La date de l’opération ne peut pas être dans le futur."
        )
        form[.operationDate] = "2022-11-17"
        #expect(form.problems(in: .facts, today: Self.today)[.operationDate]?.contains("plus de quatre ans") == true)
        form[.operationDate] = "17/11/2026"
        #expect(form.problems(in: .facts, today: Self.today)[.operationDate]?.contains("JJ/MM/AAAA") == true)
    }

    /// At 00:30 in Paris (23:30 UTC the day before), an operation of the night is today's, not the future's.
    @Test func justAfterMidnightInParisTodaysOperationIsAccepted() {
        let halfPastMidnight = Date(timeIntervalSince1970: 1_796_167_800)  // 2026-12-01T23:30:00Z
        var form = Self.complete()
        form[.operationDate] = "2026-12-02"
        #expect(form.problems(in: .facts, today: halfPastMidnight)[.operationDate] == nil)
        form[.operationDate] = "2026-12-03"
        #expect(form.problems(in: .facts, today: halfPastMidnight)[.operationDate]?.contains("futur") == true)
    }

    @Test func postalCodesAndPhonesAreChecked() {
        var form = Self.complete()
        form[.postalCode] = "6900"
        form[.servicePhone] = "12"
        #expect(form.problems(in: .facts, today: Self.today)[.postalCode]?.contains("5 chiffres") == true)
        #expect(form.problems(in: .procedure, today: Self.today)[.servicePhone]?.contains("téléphone valide") == true)
    }

    @Test func aKnownOccupantNeedsAnEmailOrAPhone() {
        var form = Self.complete()
        form[.occupantEmail] = ""
        #expect(form.problems(in: .occupant, today: Self.today)[.occupantEmail]?.contains("ou le téléphone") == true)
        form[.occupantPhone] = "06 12 34 56 78"
        #expect(form.problems(in: .occupant, today: Self.today).isEmpty)
        form[.occupantEmail] = "pas-une-adresse"
        #expect(form.problems(in: .occupant, today: Self.today)[.occupantEmail] == EmailAddress.problem)
    }

    @Test func anUnknownOccupantsTypedDetailsAreKeptButNotSent() {
        var form = Self.complete()
        form.update(.occupant, from: ["occupantConnu": "non", "nom": "Bernard", "courriel": "faux"])
        #expect(form[.occupantLastName] == "Bernard", "nothing typed is lost")
        #expect(form.problems(in: .occupant, today: Self.today).isEmpty)
        #expect(Self.event(of: form).occupant == nil)
    }

    @Test func theEventCarriesNormalisedContactsAndTheUnit() {
        let event = Self.event(of: Self.complete())
        #expect(event.force == "GN" && event.unitCode == "GN-BR-69")
        #expect(event.procedure.servicePhone == "+33478000000")
        #expect(event.procedure.court == nil)
        #expect(event.occupant?.email == "lucie.bernard@example.org")
        #expect(event.occupant?.phone == nil)
    }

    @Test func stepsFollowEachOther() {
        #expect(DeclarationStep.facts.next == .procedure && DeclarationStep.occupant.next == nil)
        #expect(DeclarationStep.procedure.previous == .facts && DeclarationStep.facts.previous == nil)
        #expect(DeclarationStep.occupant.fields(knowingOccupant: false) == [.occupantKnown, .occupantDetails])
    }
}
