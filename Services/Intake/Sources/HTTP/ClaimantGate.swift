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

/// Sends the browser to the sign-in page (303), remembering the page it wanted.
struct SignInRequired: HTTPResponseError {
    var returnPath: String?
    var status: HTTPResponse.Status { .seeOther }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let query = ReturnPath(returnPath).map { "?retour=\($0.percentEncoded)" } ?? ""
        return Response(status: .seeOther, headers: [.location: "/connexion\(query)", .cacheControl: "no-store"])
    }
}

/// A local path to go back to after sign-in; anything that could leave the site (`//host`, `https:`, `\`) is refused.
struct ReturnPath: Sendable, Equatable {
    let value: String

    init?(_ candidate: String?) {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.contains("\\"),
            candidate.count <= 2000, !candidate.contains(where: { $0.isNewline })
        else { return nil }
        value = candidate
    }

    var percentEncoded: String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/")))
            ?? "/"
    }
}
