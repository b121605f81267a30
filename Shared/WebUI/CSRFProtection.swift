import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Double-submit CSRF protection for forms: a random token in an HttpOnly SameSite cookie and in a hidden
/// field must match, and cross-site submissions (`Sec-Fetch-Site: cross-site`, foreign `Origin`) are refused.
package struct CSRFProtection: Sendable {
    package let secureCookies: Bool

    package init(secureCookies: Bool) { self.secureCookies = secureCookies }

    /// `__Host-` cookies require HTTPS; plain HTTP (local development) uses a plain name.
    package var cookieName: String { secureCookies ? "__Host-mij-csrf" : "mij-csrf" }

    /// The token to embed in the form, and the cookie to set when the browser has none yet.
    package func token(for request: Request) -> (token: String, setCookie: String?) {
        if let existing = request.cookies[cookieName]?.value, existing.count == 43 { return (existing, nil) }
        let token = Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }).base64URLEncoded
        let secure = secureCookies ? "; Secure" : ""
        return (token, "\(cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict\(secure)")
    }

    /// Throws 403 unless the submitted field matches the cookie and the request is not cross-site.
    package func verify(_ request: Request, submitted: String?) throws {
        if request.headers[HTTPField.Name("Sec-Fetch-Site")!] == "cross-site" {
            throw HTTPError(.forbidden, message: "Requête refusée : elle provient d’un autre site.")
        }
        guard let cookie = request.cookies[cookieName]?.value, let submitted,
            cookie.count == submitted.count, Array(cookie.utf8).constantTimeEquals(Array(submitted.utf8))
        else {
            throw HTTPError(.forbidden, message: "Votre session de formulaire a expiré : rechargez la page et recommencez.")
        }
    }
}

extension Data {
    /// URL-safe base64 without padding.
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension Array where Element == UInt8 {
    fileprivate func constantTimeEquals(_ other: [UInt8]) -> Bool {
        guard count == other.count else { return false }
        return zip(self, other).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
