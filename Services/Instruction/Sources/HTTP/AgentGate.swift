import Foundation
import HTTPTypes
import Hummingbird
import WebUI

/// Admits signed-in, active agents only, reading their roles afresh on every request.
struct AgentGate: Sendable {
    let sessions: WebSessions
    let directory: AgentDirectory

    static let signInPath = "/agents/connexion"
    /// The back office's session cookie, apart from the claimants' one on the same origin.
    static let sessionCookie = "mij-agent-session"

    /// The signed-in agent and their session, or a redirect to the agents' sign-in page.
    func require(_ request: Request) async throws -> (agent: Agent, session: WebSessions.Session) {
        if let session = try await sessions.current(request), let agent = try await directory.agent(session.principalId)
        {
            return (agent, session)
        }
        throw SignInRequired(
            returnPath: request.method == .get ? request.uri.description : nil,
            signInPath: Self.signInPath
        )
    }

    /// An agent who may read claims (every role but staff management alone); 403 otherwise.
    func requireReader(_ request: Request) async throws -> (agent: Agent, session: WebSessions.Session) {
        let signedIn = try await require(request)
        guard signedIn.agent.readsClaims else {
            throw HTTPError(.forbidden, message: "Votre rôle ne donne pas accès aux dossiers.")
        }
        return signedIn
    }

    /// The data protection referent; 403 otherwise.
    func requireDataProtection(_ request: Request) async throws -> (agent: Agent, session: WebSessions.Session) {
        let signedIn = try await require(request)
        guard signedIn.agent.holds(.dataProtection) else {
            throw HTTPError(.forbidden, message: "Seul le référent protection des données traite ces demandes.")
        }
        return signedIn
    }

    /// A staff manager (gestionnaire); 403 otherwise.
    func requireStaffManager(_ request: Request) async throws -> (agent: Agent, session: WebSessions.Session) {
        let signedIn = try await require(request)
        guard signedIn.agent.holds(.staffManager) else {
            throw HTTPError(.forbidden, message: "Seuls les gestionnaires d’agents gèrent les comptes.")
        }
        return signedIn
    }
}
