import Foundation
import Messaging

/// Where submitted claims are kept; submitting also publishes `ClaimSubmitted` atomically.
protocol ClaimRepository: Sendable {
    /// Commits the claim, its first timeline entry and its `ClaimSubmitted` event together.
    /// The same idempotency key returns the claim it first created instead of a second one.
    func submit(_ form: ClaimForm, idempotencyKey: String?, context: MessageContext) async throws -> SubmittedClaim
}
