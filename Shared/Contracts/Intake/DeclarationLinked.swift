import Foundation

/// A claimant attached an investigators' declaration to their claim with its code: the declaration has served and
/// its unit can follow the claim.
package struct DeclarationLinked: EventContract {
    package static let eventName = "intake.declaration-linked"
    package static let version = 1

    package var declarationId: UUID
    package var claimId: UUID
    package var linkedAt: Date

    package init(declarationId: UUID, claimId: UUID, linkedAt: Date) {
        self.declarationId = declarationId
        self.claimId = claimId
        self.linkedAt = linkedAt
    }
}
