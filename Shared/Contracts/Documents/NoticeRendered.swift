import Foundation

/// The printable notice of a declaration is filed (PDF): the unit can print it and hand it to the occupant.
package struct NoticeRendered: EventContract {
    package static let eventName = "documents.notice-rendered"
    package static let version = 1

    package var declarationId: UUID
    package var documentId: UUID
    package var mediaType: String
    package var size: Int
    package var sha256: String
    package var fileName: String
    package var renderedAt: Date

    package init(
        declarationId: UUID,
        documentId: UUID,
        mediaType: String,
        size: Int,
        sha256: String,
        fileName: String,
        renderedAt: Date
    ) {
        self.declarationId = declarationId
        self.documentId = documentId
        self.mediaType = mediaType
        self.size = size
        self.sha256 = sha256
        self.fileName = fileName
        self.renderedAt = renderedAt
    }
}
