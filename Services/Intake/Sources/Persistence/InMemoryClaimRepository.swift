import Foundation
import Messaging
import Synchronization

/// Claims kept in memory: for unit tests of the HTTP layer and a database-free development mode.
final class InMemoryClaimRepository: ClaimRepository {
    private let state = Mutex<(claims: [String: SubmittedClaim], counter: Int)>(([:], 0))

    func submit(_ form: ClaimForm, idempotencyKey: String?, context: MessageContext) async throws -> SubmittedClaim {
        state.withLock { state in
            let key = idempotencyKey ?? UUID().uuidString
            if let existing = state.claims[key] { return existing }
            state.counter += 1
            let now = Date()
            let claim = SubmittedClaim(
                id: UUID(), reference: ClaimReference.make(day: now, number: state.counter), submittedAt: now,
                ibanSuffix: form.bankDetails.ibanSuffix
            )
            state.claims[key] = claim
            return claim
        }
    }

    var count: Int { state.withLock { $0.claims.count } }
}
