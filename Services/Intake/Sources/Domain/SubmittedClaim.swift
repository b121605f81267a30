import Foundation

/// A claim once committed: what the claimant is shown after submitting.
struct SubmittedClaim: Sendable, Equatable {
    var id: UUID
    var reference: String
    var submittedAt: Date
}
