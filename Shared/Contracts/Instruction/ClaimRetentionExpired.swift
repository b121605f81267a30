import Foundation

/// A claim was closed (paid, rejected or closed without decision) longer ago than the retention period
/// (domain.md §8.2): every service deletes what it holds about it, documents included. Instruction keeps only the
/// claim's anonymous figures (state, dates, department, amounts) for statistics.
package struct ClaimRetentionExpired: EventContract {
    package static let eventName = "instruction.claim-retention-expired"
    package static let version = 1

    package var claimId: UUID
    package var reference: String
    /// When the claim reached its final state.
    package var closedAt: Date
    /// The investigators' declaration the claim was started from, if any.
    package var declarationId: UUID?
    /// Every folder of the documents service that belongs to the claim: its own (the claim id), its declaration's
    /// and its questions to the unit's.
    package var documentFolders: [UUID]
    package var expiredAt: Date

    package init(
        claimId: UUID,
        reference: String,
        closedAt: Date,
        declarationId: UUID?,
        documentFolders: [UUID],
        expiredAt: Date
    ) {
        self.claimId = claimId
        self.reference = reference
        self.closedAt = closedAt
        self.declarationId = declarationId
        self.documentFolders = documentFolders
        self.expiredAt = expiredAt
    }
}
