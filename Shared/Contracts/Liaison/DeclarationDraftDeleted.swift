import Foundation

/// A unit deleted a draft declaration: the documents service deletes the files attached to it.
package struct DeclarationDraftDeleted: EventContract {
    package static let eventName = "liaison.declaration-draft-deleted"
    package static let version = 1

    package var declarationId: UUID
    package var documentIds: [UUID]
    package var deletedAt: Date

    package init(declarationId: UUID, documentIds: [UUID], deletedAt: Date) {
        self.declarationId = declarationId
        self.documentIds = documentIds
        self.deletedAt = deletedAt
    }
}
