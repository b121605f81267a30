import Foundation

/// A claimant submitted a complete claim: the full snapshot every downstream service starts from.
package struct ClaimSubmitted: EventContract {
    package static let eventName = "intake.claim-submitted"
    package static let version = 1

    /// A postal address in France.
    package typealias Address = PostalAddress

    /// The claimant as declared on the form: the person, or the legal entity's representative.
    package struct Claimant: Codable, Sendable, Equatable {
        package var firstName: String
        package var lastName: String
        package var email: String
        /// Added within v1 (optional): `MME` or `M`.
        package var civility: String?
        /// Added within v1 (optional): birth name when it differs from the name in use.
        package var birthName: String?
        /// Added within v1 (optional): `YYYY-MM-DD`; absent for a legal entity's representative.
        package var birthDate: String?
        package var birthPlace: String?
        /// Added within v1 (optional): E.164, e.g. `+33612345678`.
        package var phone: String?
        /// Added within v1 (optional): where the claimant lives, or the legal entity's registered office.
        package var address: Address?

        package init(
            firstName: String,
            lastName: String,
            email: String,
            civility: String? = nil,
            birthName: String? = nil,
            birthDate: String? = nil,
            birthPlace: String? = nil,
            phone: String? = nil,
            address: Address? = nil
        ) {
            self.firstName = firstName
            self.lastName = lastName
            self.email = email
            self.civility = civility
            self.birthName = birthName
            self.birthDate = birthDate
            self.birthPlace = birthPlace
            self.phone = phone
            self.address = address
        }
    }

    /// A claim filed in the name of a legal entity (domain.md §4.1), by the `claimant` as its representative.
    package struct LegalEntity: Codable, Sendable, Equatable {
        /// `ASSUREUR`, `SCI`, `ENTREPRISE_PRIVEE`, `BAILLEUR_SOCIAL`, `SYNDIC`, `ASSOCIATION`, `COLLECTIVITE` or
        /// `ETABLISSEMENT_PUBLIC`.
        package var type: String
        package var name: String
        /// SIREN (9 digits) or SIRET (14 digits).
        package var companyNumber: String
        /// The representative's role, e.g. `gérant`.
        package var representativeRole: String

        package init(type: String, name: String, companyNumber: String, representativeRole: String) {
            self.type = type
            self.name = name
            self.companyNumber = companyNumber
            self.representativeRole = representativeRole
        }
    }

    /// In which capacity the claimant asks for the door to be paid.
    package struct Capacity: Codable, Sendable, Equatable {
        /// `proprietaire-occupant`, `locataire`, `proprietaire-bailleur`, `bailleur-social` or `autre`.
        package var code: String
        /// The claimant's own words when `code` is `autre`.
        package var detail: String?

        package init(code: String, detail: String? = nil) {
            self.code = code
            self.detail = detail
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
        /// Added within v1 (optional): the claimant's account of the operation and the damage.
        package var description: String?
        /// Added within v1 (optional): the INSEE code of the commune's département (`75`, `2A`, `974`), from the
        /// official reference data; absent when they do not know the postal code.
        package var department: String?

        package init(
            date: String,
            streetAddress: String,
            postalCode: String,
            commune: String,
            force: String? = nil,
            armouredDoor: Bool? = nil,
            description: String? = nil,
            department: String? = nil
        ) {
            self.date = date
            self.streetAddress = streetAddress
            self.postalCode = postalCode
            self.commune = commune
            self.force = force
            self.armouredDoor = armouredDoor
            self.description = description
            self.department = department
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

    /// A document sent with the claim (its upload is at the documents service).
    package typealias Document = DocumentReference

    package var claimId: UUID
    /// Public reference shown to people, e.g. `BRI-20261122-0042`.
    package var reference: String
    package var submittedAt: Date
    package var claimant: Claimant
    package var doorBreak: DoorBreak
    /// Added within v1 (optional): absent when the claimant filed without taking the test.
    package var eligibility: Eligibility?
    /// Added within v1 (optional): present when the claim is filed in the name of a legal entity.
    package var legalEntity: LegalEntity?
    /// Added within v1 (optional).
    package var capacity: Capacity?
    /// Added within v1 (optional): the amount claimed, in euro cents. Bank details never travel on the bus.
    package var claimedAmountCents: Int?
    /// Added within v1 (optional): the documents the claim was submitted with, withdrawn and infected ones left
    /// out; what the receipt lists.
    package var documents: [Document]?
    /// Added within v1 (optional): the investigators' declaration the claimant attached with its code.
    package var declarationId: UUID?

    package init(
        claimId: UUID,
        reference: String,
        submittedAt: Date,
        claimant: Claimant,
        doorBreak: DoorBreak,
        eligibility: Eligibility? = nil,
        legalEntity: LegalEntity? = nil,
        capacity: Capacity? = nil,
        claimedAmountCents: Int? = nil,
        documents: [Document]? = nil,
        declarationId: UUID? = nil
    ) {
        self.claimId = claimId
        self.reference = reference
        self.submittedAt = submittedAt
        self.claimant = claimant
        self.doorBreak = doorBreak
        self.eligibility = eligibility
        self.legalEntity = legalEntity
        self.capacity = capacity
        self.claimedAmountCents = claimedAmountCents
        self.documents = documents
        self.declarationId = declarationId
    }
}
