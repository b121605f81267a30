import Foundation
import HTTPTypes
import Hummingbird
import ServiceKit

/// Sends the browser to the sign-in page (303), remembering the page it wanted.
package struct SignInRequired: HTTPResponseError {
    package var returnPath: String?
    /// The portal's sign-in page.
    package var signInPath: String
    package var status: HTTPResponse.Status { .seeOther }

    package init(returnPath: String?, signInPath: String = "/connexion") {
        self.returnPath = returnPath
        self.signInPath = signInPath
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        let query = ReturnPath(returnPath).map { "?retour=\($0.percentEncoded)" } ?? ""
        return Response(status: .seeOther, headers: [.location: "\(signInPath)\(query)", .cacheControl: "no-store"])
    }
}

/// A local path to go back to after sign-in; anything that could leave the site (`//host`, `https:`, `\`) is refused.
package struct ReturnPath: Sendable, Equatable {
    package let value: String

    package init?(_ candidate: String?) {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.contains("\\"),
            candidate.count <= 2000, !candidate.hasControlCharacters, !candidate.contains(where: { $0.isNewline })
        else { return nil }
        value = candidate
    }

    package var percentEncoded: String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/")))
            ?? "/"
    }
}
