import Foundation

/// The submission receipt (récépissé de dépôt) of a claim was generated and filed with its documents, ready for
/// the claimant to download.
package struct ReceiptIssued: EventContract {
    package static let eventName = "documents.receipt-issued"
    package static let version = 1

    package var claimId: UUID
    /// The receipt's document id at the documents service (what a download grant names).
    package var documentId: UUID
    /// The claim's public reference, which the receipt shows.
    package var reference: String
    /// Always `application/pdf`.
    package var mediaType: String
    package var size: Int
    /// Hex SHA-256 of the PDF, so that the copy a claimant shows can be checked against ours.
    package var sha256: String
    /// The file name offered on download, e.g. `Récépissé BRI-20261122-0042.pdf`.
    package var fileName: String
    package var issuedAt: Date

    package init(
        claimId: UUID,
        documentId: UUID,
        reference: String,
        mediaType: String,
        size: Int,
        sha256: String,
        fileName: String,
        issuedAt: Date
    ) {
        self.claimId = claimId
        self.documentId = documentId
        self.reference = reference
        self.mediaType = mediaType
        self.size = size
        self.sha256 = sha256
        self.fileName = fileName
        self.issuedAt = issuedAt
    }
}
