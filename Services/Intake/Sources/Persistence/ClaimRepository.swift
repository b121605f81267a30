import Foundation
import Messaging

/// Where claims are kept; submitting also publishes `ClaimSubmitted` atomically.
protocol ClaimRepository: Sendable {
    /// Commits the claim, its first timeline entry and its `ClaimSubmitted` event together, owned by the account
    /// that filed it (none for the JSON API). The same idempotency key returns the claim it first created.
    func submit(_ form: ClaimForm, owner: UUID?, idempotencyKey: String?, context: MessageContext) async throws
        -> SubmittedClaim

    /// The claims an account owns, newest first.
    func claims(ownedBy owner: UUID) async throws -> [ClaimSummary]
}

/// One line of "Mes demandes".
struct ClaimSummary: Sendable, Equatable {
    var id: UUID
    var reference: String
    /// Internal lifecycle state (domain.md §2.2), e.g. `A_ATTRIBUER`.
    var status: String
    var submittedAt: Date
}
