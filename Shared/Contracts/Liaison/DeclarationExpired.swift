import Foundation

/// A declaration no claim took up was kept its retention period (RETENTION_CLAIM_DAYS after its code expired, or
/// after a draft was last touched) and deleted by liaison: every service deletes its copy, documents its folder (the
/// notice and the unit's files).
package struct DeclarationExpired: EventContract {
    package static let eventName = "liaison.declaration-expired"
    package static let version = 1

    package var declarationId: UUID
    package var expiredAt: Date

    package init(declarationId: UUID, expiredAt: Date) {
        self.declarationId = declarationId
        self.expiredAt = expiredAt
    }
}
