import Foundation

/// An investigator declared a door break: the facts, the procedure (confidential: never shown to the claimant),
/// the occupant's contact when known, and the code that lets the occupant attach it to their claim.
package struct DeclarationSubmitted: EventContract {
    package static let eventName = "liaison.declaration-submitted"
    package static let version = 1

    /// Where the door was broken.
    package typealias Address = PostalAddress

    /// The judicial procedure and the investigating service, for the Ministry's agents only.
    package struct Procedure: Codable, Sendable, Equatable {
        package var number: String
        package var investigatingService: String
        package var servicePhone: String
        package var court: String?
        package var magistrate: String?

        package init(
            number: String,
            investigatingService: String,
            servicePhone: String,
            court: String?,
            magistrate: String?
        ) {
            self.number = number
            self.investigatingService = investigatingService
            self.servicePhone = servicePhone
            self.court = court
            self.magistrate = magistrate
        }
    }

    /// The occupant as the investigator knows them: an e-mail address, a telephone (E.164) or both.
    package struct Occupant: Codable, Sendable, Equatable {
        /// `madame` or `monsieur`.
        package var civility: String
        package var lastName: String
        package var firstName: String
        package var email: String?
        package var phone: String?

        package init(civility: String, lastName: String, firstName: String, email: String?, phone: String?) {
            self.civility = civility
            self.lastName = lastName
            self.firstName = firstName
            self.email = email
            self.phone = phone
        }
    }

    /// A file the unit attached (the intervention report `pv_fdo`, photos `photo_fdo`), kept by documents in the
    /// declaration's folder.
    package typealias Attachment = DocumentReference

    package var declarationId: UUID
    package var code: DeclarationCode
    package var codeExpiresAt: Date
    /// `PN`, `GN` or `PP`.
    package var force: String
    package var unitCode: String
    /// `oui`, `non` or `doute`.
    package var operationalError: String
    package var facts: String
    /// `YYYY-MM-DD`.
    package var operationDate: String
    package var address: Address
    package var procedure: Procedure
    package var occupant: Occupant?
    package var occupantDetails: String?
    package var submittedAt: Date
    /// Added within v1 (optional): the clean files attached when it was submitted.
    package var attachments: [Attachment]?

    package init(
        declarationId: UUID,
        code: DeclarationCode,
        codeExpiresAt: Date,
        force: String,
        unitCode: String,
        operationalError: String,
        facts: String,
        operationDate: String,
        address: Address,
        procedure: Procedure,
        occupant: Occupant?,
        occupantDetails: String?,
        submittedAt: Date
    ) {
        self.declarationId = declarationId
        self.code = code
        self.codeExpiresAt = codeExpiresAt
        self.force = force
        self.unitCode = unitCode
        self.operationalError = operationalError
        self.facts = facts
        self.operationDate = operationDate
        self.address = address
        self.procedure = procedure
        self.occupant = occupant
        self.occupantDetails = occupantDetails
        self.submittedAt = submittedAt
    }
}
