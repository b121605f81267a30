import Foundation

/// A claimant removed one of their uploads from a claim they had not submitted yet; the documents service
/// deletes its content.
package struct DocumentWithdrawn: EventContract {
    package static let eventName = "intake.document-withdrawn"
    package static let version = 1

    package var documentId: UUID
    package var claimId: UUID
    package var withdrawnAt: Date

    package init(documentId: UUID, claimId: UUID, withdrawnAt: Date) {
        self.documentId = documentId
        self.claimId = claimId
        self.withdrawnAt = withdrawnAt
    }
}
