import Contracts
import Foundation
import ServiceKit

/// What the claimant declared, as the claim's page lists it.
extension ClaimFilePage {
    static func claimantFacts(_ snapshot: ClaimSubmitted?) -> [Fact] {
        guard let claimant = snapshot?.claimant else { return [] }
        return [
            Fact(
                label: "Nom",
                value: [claimant.civility, claimant.firstName, claimant.lastName].compactMap { $0 }.joined(
                    separator: " "
                )
            ),
            claimant.birthName.map { Fact(label: "Nom de naissance", value: $0) },
            claimant.birthDate.map {
                Fact(label: "Né(e) le", value: ParisTime.day(iso: $0) + (claimant.birthPlace.map { " à \($0)" } ?? ""))
            },
            Fact(label: "Adresse électronique", value: claimant.email),
            claimant.phone.map { Fact(label: "Téléphone", value: $0) },
            claimant.address.map {
                Fact(label: "Adresse", value: "\($0.streetAddress), \($0.postalCode) \($0.commune)")
            },
        ].compactMap { $0 }
    }

    static func doorBreakFacts(_ snapshot: ClaimSubmitted?, submittedAt: Date) -> [Fact] {
        var facts = [Fact(label: "Déposée le", value: submittedAt.formatted(ParisTime.dayAndTime))]
        guard let snapshot else { return facts }
        let door = snapshot.doorBreak
        facts += [
            Fact(label: "Date de l’opération", value: ParisTime.day(iso: door.date)),
            Fact(label: "Adresse du logement", value: "\(door.streetAddress), \(door.postalCode) \(door.commune)"),
            Fact(label: "Force intervenue", value: door.force.map(Self.forceName) ?? "Non précisée"),
            Fact(label: "Porte blindée", value: door.armouredDoor.map { $0 ? "Oui" : "Non" } ?? "Non précisé"),
        ]
        if let capacity = snapshot.capacity {
            facts.append(Fact(label: "Qualité", value: capacity.code + (capacity.detail.map { " (\($0))" } ?? "")))
        }
        if let amount = snapshot.claimedAmountCents {
            facts.append(Fact(label: "Montant demandé", value: Euros.formatted(cents: amount)))
        }
        if let eligibility = snapshot.eligibility {
            facts.append(
                Fact(
                    label: "Test d’éligibilité",
                    value: eligibility.outcome + (eligibility.filedAgainstAdvice ? " (déposée malgré l’avis)" : "")
                )
            )
        }
        if let description = door.description { facts.append(Fact(label: "Récit du requérant", value: description)) }
        return facts
    }

    static func forceName(_ code: String) -> String {
        switch code {
        case "PN": "Police nationale"
        case "GN": "Gendarmerie nationale"
        case "PP": "Préfecture de police"
        default: code
        }
    }
}
