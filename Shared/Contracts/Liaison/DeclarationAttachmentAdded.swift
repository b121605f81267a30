import Foundation

/// The unit attached a file to a declaration already submitted (often to answer a rédacteur's question): it joins
/// the declaration in the claims that show it.
package struct DeclarationAttachmentAdded: EventContract {
    package static let eventName = "liaison.declaration-attachment-added"
    package static let version = 1

    package var declarationId: UUID
    package var attachment: DocumentReference
    package var addedAt: Date

    package init(declarationId: UUID, attachment: DocumentReference, addedAt: Date) {
        self.declarationId = declarationId
        self.attachment = attachment
        self.addedAt = addedAt
    }
}
