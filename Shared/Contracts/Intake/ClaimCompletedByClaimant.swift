import Foundation

/// The claimant answered one of the office's requests for documents or information.
package struct ClaimCompletedByClaimant: EventContract {
    package static let eventName = "intake.claim-completed-by-claimant"
    package static let version = 1

    package var claimId: UUID
    package var reference: String
    /// The `InformationRequested.requestId` answered.
    package var requestId: UUID
    /// The documents sent since the request (ids at the documents service), withdrawn and infected ones left out.
    package var documents: [ClaimSubmitted.Document]
    /// The claimant's words to the office, if any.
    package var message: String?
    package var answeredAt: Date

    package init(
        claimId: UUID,
        reference: String,
        requestId: UUID,
        documents: [ClaimSubmitted.Document],
        message: String?,
        answeredAt: Date
    ) {
        self.claimId = claimId
        self.reference = reference
        self.requestId = requestId
        self.documents = documents
        self.message = message
        self.answeredAt = answeredAt
    }
}
