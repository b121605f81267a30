import Foundation

/// A claim once committed: what the claimant is shown after submitting.
struct SubmittedClaim: Sendable, Equatable {
    var id: UUID
    var reference: String
    var submittedAt: Date
    /// Last four characters of the IBAN the payment will go to.
    var ibanSuffix: String
}
