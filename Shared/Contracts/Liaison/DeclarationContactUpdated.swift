import Foundation

/// The unit added or corrected the occupant's contact after submission, or asked to invite them again: the code
/// is valid for a new period and the invitation goes to the contact as it now is.
package struct DeclarationContactUpdated: EventContract {
    package static let eventName = "liaison.declaration-contact-updated"
    package static let version = 1

    package var declarationId: UUID
    package var code: DeclarationCode
    package var codeExpiresAt: Date
    /// `PN`, `GN` or `PP`, for the invitation's wording.
    package var force: String
    /// `YYYY-MM-DD`.
    package var operationDate: String
    package var address: DeclarationSubmitted.Address
    package var occupant: DeclarationSubmitted.Occupant
    package var updatedAt: Date

    package init(
        declarationId: UUID,
        code: DeclarationCode,
        codeExpiresAt: Date,
        force: String,
        operationDate: String,
        address: DeclarationSubmitted.Address,
        occupant: DeclarationSubmitted.Occupant,
        updatedAt: Date
    ) {
        self.declarationId = declarationId
        self.code = code
        self.codeExpiresAt = codeExpiresAt
        self.force = force
        self.operationDate = operationDate
        self.address = address
        self.occupant = occupant
        self.updatedAt = updatedAt
    }
}
