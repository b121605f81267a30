import Foundation
import Messaging
import Synchronization

/// Claims kept in memory: for unit tests of the HTTP layer and a database-free development mode.
final class InMemoryClaimRepository: ClaimRepository {
    private let state = Mutex<(claims: [String: (claim: SubmittedClaim, owner: UUID?)], counter: Int)>(([:], 0))

    func submit(_ form: ClaimForm, owner: UUID?, idempotencyKey: String?, context: MessageContext) async throws
        -> SubmittedClaim
    {
        state.withLock { state in
            let key = idempotencyKey ?? UUID().uuidString
            if let existing = state.claims[key] { return existing.claim }
            state.counter += 1
            let now = Date()
            let claim = SubmittedClaim(
                id: UUID(),
                reference: ClaimReference.make(day: now, number: state.counter),
                submittedAt: now,
                ibanSuffix: form.bankDetails.ibanSuffix
            )
            state.claims[key] = (claim, owner)
            return claim
        }
    }

    func claims(ownedBy owner: UUID) async throws -> [ClaimSummary] {
        state.withLock { state in
            state.claims.values.filter { $0.owner == owner }.map(\.claim)
                .map {
                    ClaimSummary(id: $0.id, reference: $0.reference, status: "A_ATTRIBUER", submittedAt: $0.submittedAt)
                }
                .sorted { $0.submittedAt > $1.submittedAt }
        }
    }

    var count: Int { state.withLock { $0.claims.count } }
}
