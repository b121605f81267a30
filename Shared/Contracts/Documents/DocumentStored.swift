import Foundation

/// A claimant's (or agent's) upload passed its checks and is stored; when the antivirus was unreachable it is
/// kept out of reach (`scan_pending`) until `DocumentScanned` says it is clean.
package struct DocumentStored: EventContract {
    package static let eventName = "documents.document-stored"
    package static let version = 1

    package var documentId: UUID
    package var claimId: UUID
    /// Who uploaded it (an account or agent id).
    package var uploadedBy: UUID
    /// Document type of domain.md §5.1, e.g. `facture`.
    package var type: String
    /// Detected from the content: `application/pdf`, `image/jpeg`, `image/png` or `image/webp`.
    package var mediaType: String
    package var size: Int
    /// Hex SHA-256 of the content.
    package var sha256: String
    /// The name the file had on the uploader's device, cleaned of path and control characters.
    package var fileName: String
    /// `clean` or `scan_pending`.
    package var scanStatus: String
    package var storedAt: Date

    package init(
        documentId: UUID,
        claimId: UUID,
        uploadedBy: UUID,
        type: String,
        mediaType: String,
        size: Int,
        sha256: String,
        fileName: String,
        scanStatus: String,
        storedAt: Date
    ) {
        self.documentId = documentId
        self.claimId = claimId
        self.uploadedBy = uploadedBy
        self.type = type
        self.mediaType = mediaType
        self.size = size
        self.sha256 = sha256
        self.fileName = fileName
        self.scanStatus = scanStatus
        self.storedAt = storedAt
    }
}

/// A document stored while the antivirus was unreachable has been scanned since: `clean` (it becomes readable)
/// or `infected` (its content is destroyed; the uploader is asked for another file).
package struct DocumentScanned: EventContract {
    package static let eventName = "documents.document-scanned"
    package static let version = 1

    package var documentId: UUID
    package var claimId: UUID
    /// `clean` or `infected`.
    package var verdict: String
    package var scannedAt: Date

    package init(documentId: UUID, claimId: UUID, verdict: String, scannedAt: Date) {
        self.documentId = documentId
        self.claimId = claimId
        self.verdict = verdict
        self.scannedAt = scannedAt
    }
}

/// An upload was refused and nothing of it kept: infected, not an accepted format, too large, or over the
/// claim's limits. For the claim's history and the operators' alerts.
package struct DocumentRejected: EventContract {
    package static let eventName = "documents.document-rejected"
    package static let version = 1

    package var claimId: UUID
    package var uploadedBy: UUID
    package var type: String
    /// `infected`, `format`, `content`, `size` or `count`.
    package var reason: String
    package var rejectedAt: Date

    package init(claimId: UUID, uploadedBy: UUID, type: String, reason: String, rejectedAt: Date) {
        self.claimId = claimId
        self.uploadedBy = uploadedBy
        self.type = type
        self.reason = reason
        self.rejectedAt = rejectedAt
    }
}
