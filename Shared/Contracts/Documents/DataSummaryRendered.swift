import Foundation

/// A claimant's data summary was rendered to PDF; it stays downloadable for a week, then documents deletes it.
package struct DataSummaryRendered: EventContract {
    package static let eventName = "documents.data-summary-rendered"
    package static let version = 1

    package var summaryId: UUID
    package var accountId: UUID
    package var documentId: UUID
    package var fileName: String
    package var size: Int
    package var renderedAt: Date

    package init(summaryId: UUID, accountId: UUID, documentId: UUID, fileName: String, size: Int, renderedAt: Date) {
        self.summaryId = summaryId
        self.accountId = accountId
        self.documentId = documentId
        self.fileName = fileName
        self.size = size
        self.renderedAt = renderedAt
    }
}
