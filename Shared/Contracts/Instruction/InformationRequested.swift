import Foundation

/// The rédacteur asked the claimant for missing documents or information, to be sent by a date.
package struct InformationRequested: EventContract {
    package static let eventName = "instruction.information-requested"
    package static let version = 1

    package var claimId: UUID
    package var reference: String
    /// Identifies the request, so the claimant's answer can name it.
    package var requestId: UUID
    /// Document types of domain.md §5.1 asked for (may be empty when only information is asked).
    package var documentTypes: [String]
    /// The rédacteur's words to the claimant.
    package var message: String
    /// Last day to answer, `YYYY-MM-DD` (Paris).
    package var dueOn: String
    package var requestedAt: Date

    package init(
        claimId: UUID,
        reference: String,
        requestId: UUID,
        documentTypes: [String],
        message: String,
        dueOn: String,
        requestedAt: Date
    ) {
        self.claimId = claimId
        self.reference = reference
        self.requestId = requestId
        self.documentTypes = documentTypes
        self.message = message
        self.dueOn = dueOn
        self.requestedAt = requestedAt
    }
}
