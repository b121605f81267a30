import Foundation

/// A signed letter (a decision, the claimant's acceptance, a payment order) was rendered to PDF and filed with the
/// claim's documents. The seal is the one instruction signed (for the acceptance, the fingerprint of what the
/// claimant accepted), so the PDF is tied to its record.
package struct LetterRendered: EventContract {
    package static let eventName = "documents.letter-rendered"
    package static let version = 1

    /// What the letter is.
    package enum Kind: String, Codable, Sendable {
        /// The decision sent to the claimant: an offer or a rejection.
        case decision
        /// The payment order (arrêté de paiement) for the budget office.
        case paymentOrder = "arrete_paiement"
        /// The claimant's acceptance of the offer, made online.
        case acceptance = "acceptation"
    }

    package var claimId: UUID
    /// The PDF's document id at the documents service (what a download grant names).
    package var documentId: UUID
    package var reference: String
    package var kind: Kind
    /// The signature's seal, as in instruction's audit log.
    package var seal: String
    /// Always `application/pdf`.
    package var mediaType: String
    package var size: Int
    /// Hex SHA-256 of the PDF.
    package var sha256: String
    /// The file name offered on download, e.g. `Décision BRI-20261122-0042.pdf`.
    package var fileName: String
    package var renderedAt: Date

    package init(
        claimId: UUID,
        documentId: UUID,
        reference: String,
        kind: Kind,
        seal: String,
        mediaType: String,
        size: Int,
        sha256: String,
        fileName: String,
        renderedAt: Date
    ) {
        self.claimId = claimId
        self.documentId = documentId
        self.reference = reference
        self.kind = kind
        self.seal = seal
        self.mediaType = mediaType
        self.size = size
        self.sha256 = sha256
        self.fileName = fileName
        self.renderedAt = renderedAt
    }
}
