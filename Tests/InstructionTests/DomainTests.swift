import Foundation
import ServiceKit
import Testing

@testable import Instruction

struct DomainTests {
    @Test(arguments: [
        ("75011", "75"), ("01000", "01"), ("20000", "2A"), ("20200", "2B"), ("97400", "974"), ("98800", "988"),
        ("7501", "?"),
    ])
    func departmentOfAPostalCode(postalCode: String, department: String) {
        #expect(Department.of(postalCode: postalCode) == department)
    }

    @Test func theLifecycleHasFourteenStatesEachWithAnAgentLabel() {
        #expect(ClaimState.allCases.count == 14)
        #expect(Set(ClaimState.allCases.map(\.agentLabel)).count == 14)
        #expect(ClaimState(rawValue: "A_ATTRIBUER") == .toAssign)
    }
}

struct DecisionWordingTests {
    @Test(arguments: [
        (125_050, "mille deux cent cinquante euros et cinquante centimes"), (100, "un euro"),
        (8_000, "quatre-vingts euros"), (100_000_000, "un million d’euros"), (101, "un euro et un centime"),
    ])
    func amountsInWords(cents: Int, words: String) {
        #expect(AmountInWords.french(cents: cents) == words)
    }

    @Test func offerAmountsAreReadAsFrenchDecimals() {
        #expect(Euros.cents(typed: "1 250,50") == 125_050)
        #expect(Euros.cents(typed: "80") == 8_000)
        #expect(Euros.cents(typed: "80,5 €") == 8_050)
        for invalid in ["", "abc", "1,234", "1.2.3", "-5"] { #expect(Euros.cents(typed: invalid) == nil, "\(invalid)") }
        let parsed = OfferInput.parse(labels: ["Porte", nil, "Serrure"], amounts: ["1 000", nil, "abc"], body: nil)
        #expect(throws: InvalidActionInput.self) { try parsed.get() }
        let empty = OfferInput.parse(labels: ["", ""], amounts: ["", ""], body: nil)
        #expect((try? empty.get()) == nil)
    }

    @Test func theSealChangesWithAnyWordTheSignerOrTheInstant() {
        let signer = UUID()
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        func seal(_ paragraphs: [String] = ["a", "b"], amount: Int = 100, by who: UUID = signer, at when: Date = at)
            -> String
        {
            DecisionLetters.seal(
                reference: "R",
                subject: "S",
                paragraphs: paragraphs,
                amountCents: amount,
                signer: who,
                at: when
            )
        }
        #expect(seal().count == 64 && seal() == seal())
        for other in [seal(["a", "c"]), seal(amount: 101), seal(by: UUID()), seal(at: at.addingTimeInterval(1))] {
            #expect(other != seal())
        }
        #expect(
            DecisionLetters.paragraphs("Madame,\r\n\r\nLigne 1\nsuite\n\n\n  \n\nFin") == [
                "Madame,", "Ligne 1\nsuite", "Fin",
            ]
        )
    }

    @Test func everyRejectionLetterStatesItsGroundAndTheWayToContest() {
        for reason in RejectionReason.allCases {
            let body = DecisionLetters.rejectionBody(facts: nil, reason: reason)
            #expect(body.contains(reason.ground) && body.contains("Agent judiciaire de l’État"))
            #expect(body.contains("rupture d’égalité") == (reason != .targeted))
        }
    }
}
