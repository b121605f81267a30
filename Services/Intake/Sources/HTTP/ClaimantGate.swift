import Foundation
import HTTPTypes
import Hummingbird
import WebUI

/// Admits signed-in claimants only: every page and action of "Mon espace" asks it first, on the server.
struct ClaimantGate: Sendable {
    /// Finds the live session a request carries (the PostgreSQL store in production, a fixed one in unit tests).
    let current: @Sendable (Request) async throws -> WebSessions.Session?

    init(sessions: WebSessions) { current = { try await sessions.current($0) } }

    init(current: @escaping @Sendable (Request) async throws -> WebSessions.Session?) { self.current = current }

    /// The signed-in claimant's session, or a redirect to the sign-in page that comes back here afterwards.
    func require(_ request: Request) async throws -> WebSessions.Session {
        if let session = try await current(request) { return session }
        throw SignInRequired(returnPath: request.method == .get ? request.uri.description : nil)
    }
}
