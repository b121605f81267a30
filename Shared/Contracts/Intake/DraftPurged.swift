import Foundation

/// A draft never submitted was deleted with its account at the end of the account's retention (two years without
/// activity): the documents service deletes the files uploaded to it.
package struct DraftPurged: EventContract {
    package static let eventName = "intake.draft-purged"
    package static let version = 1

    package var claimId: UUID
    package var purgedAt: Date

    package init(claimId: UUID, purgedAt: Date) {
        self.claimId = claimId
        self.purgedAt = purgedAt
    }
}
