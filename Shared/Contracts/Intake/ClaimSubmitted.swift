import Foundation

/// A claimant submitted a complete claim: the full snapshot every downstream service starts from.
package struct ClaimSubmitted: EventContract {
    package static let eventName = "intake.claim-submitted"
    package static let version = 1

    /// The claimant as declared on the form.
    package struct Claimant: Codable, Sendable, Equatable {
        package var firstName: String
        package var lastName: String
        package var email: String

        package init(firstName: String, lastName: String, email: String) {
            self.firstName = firstName
            self.lastName = lastName
            self.email = email
        }
    }

    /// Where and when the door was broken.
    package struct DoorBreak: Codable, Sendable, Equatable {
        /// Calendar day of the operation, `YYYY-MM-DD`.
        package var date: String
        package var streetAddress: String
        package var postalCode: String
        package var commune: String
        /// Added within v1 (optional): `PN`, `GN` or `PP`; absent when the claimant does not know.
        package var force: String?
        /// Added within v1 (optional).
        package var armouredDoor: Bool?

        package init(
            date: String,
            streetAddress: String,
            postalCode: String,
            commune: String,
            force: String? = nil,
            armouredDoor: Bool? = nil
        ) {
            self.date = date
            self.streetAddress = streetAddress
            self.postalCode = postalCode
            self.commune = commune
            self.force = force
            self.armouredDoor = armouredDoor
        }
    }

    /// The eligibility test taken before filing (advisory: a claim may be filed against its outcome).
    package struct Eligibility: Codable, Sendable, Equatable {
        /// `proprietaire-occupant`, `locataire`, `proprietaire-bailleur` or `bailleur-social`.
        package var dwellingRelation: String
        /// `eligible`, `eligible-incomplete`, `ineligible-targeted` or `ineligible-hosting`.
        package var outcome: String
        /// True when the claimant chose to file although the test said the situation is not covered.
        package var filedAgainstAdvice: Bool

        package init(dwellingRelation: String, outcome: String, filedAgainstAdvice: Bool) {
            self.dwellingRelation = dwellingRelation
            self.outcome = outcome
            self.filedAgainstAdvice = filedAgainstAdvice
        }
    }

    package var claimId: UUID
    /// Public reference shown to people, e.g. `BRI-20261122-0042`.
    package var reference: String
    package var submittedAt: Date
    package var claimant: Claimant
    package var doorBreak: DoorBreak
    /// Added within v1 (optional): absent when the claimant filed without taking the test.
    package var eligibility: Eligibility?

    package init(
        claimId: UUID,
        reference: String,
        submittedAt: Date,
        claimant: Claimant,
        doorBreak: DoorBreak,
        eligibility: Eligibility? = nil
    ) {
        self.claimId = claimId
        self.reference = reference
        self.submittedAt = submittedAt
        self.claimant = claimant
        self.doorBreak = doorBreak
        self.eligibility = eligibility
    }
}
