import Foundation
import HTTPTypes
import Hummingbird
import WebUI

/// Admits signed-in, active investigators only, reading their unit afresh on every request.
struct InvestigatorGate: Sendable {
    let sessions: WebSessions
    let directory: InvestigatorDirectory

    static let signInPath = "/fdo/connexion"
    /// The portal's session cookie, apart from the claimants' and agents' ones on the same origin.
    static let sessionCookie = "mij-fdo-session"

    /// The signed-in investigator and their session, or a redirect to the sign-in page.
    func require(_ request: Request) async throws -> (investigator: Investigator, session: WebSessions.Session) {
        if let session = try await sessions.current(request),
            let investigator = try await directory.investigator(session.principalId)
        {
            return (investigator, session)
        }
        throw SignInRequired(
            returnPath: request.method == .get ? request.uri.description : nil,
            signInPath: Self.signInPath
        )
    }
}
