import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// CSRF protection for forms: before sign-in a double-submit token (HttpOnly SameSite cookie = hidden field),
/// after sign-in the session's own synchronizer token; cross-site submissions (`Sec-Fetch-Site: cross-site`, a
/// foreign `Origin`) are refused either way.
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

    /// Throws 403 unless the submitted field matches the cookie and the request is not cross-site
    /// (forms shown before sign-in).
    package func verify(_ request: Request, submitted: String?) throws {
        try refuseCrossSite(request)
        try requireEqual(request.cookies[cookieName]?.value, submitted)
    }

    /// Throws 403 unless the submitted field is the session's own token and the request is not cross-site
    /// (forms of a signed-in person: a token from another session is refused).
    package func verify(_ request: Request, submitted: String?, session: WebSessions.Session) throws {
        try refuseCrossSite(request)
        try requireEqual(session.csrfToken, submitted)
    }

    private func refuseCrossSite(_ request: Request) throws {
        let refusal = HTTPError(.forbidden, message: "Requête refusée : elle provient d’un autre site.")
        if request.headers[HTTPField.Name("Sec-Fetch-Site")!] == "cross-site" { throw refusal }
        // Behind the gateway the Host header is the public one, so a same-origin form's Origin names it.
        // A `null` origin (sandboxed frame, opaque redirect) is foreign too.
        if let origin = request.headers[HTTPField.Name("Origin")!] {
            let originHost = URLComponents(string: origin).map {
                [$0.host, $0.port.map(String.init)].compactMap { $0 }.joined(separator: ":")
            }
            guard let host = request.head.authority, originHost == host else { throw refusal }
        }
    }

    private func requireEqual(_ expected: String?, _ submitted: String?) throws {
        guard let expected, let submitted, expected.count == submitted.count,
            Array(expected.utf8).constantTimeEquals(Array(submitted.utf8))
        else {
            throw HTTPError(
                .forbidden,
                message: "Votre session de formulaire a expiré : rechargez la page et recommencez."
            )
        }
    }
}

extension Data {
    /// URL-safe base64 without padding.
    package var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads URL-safe base64 with or without padding.
    init?(base64URLEncoded text: String) {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            return nil
        }
        let standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        self.init(base64Encoded: standard + String(repeating: "=", count: (4 - standard.count % 4) % 4))
    }
}

extension Array where Element == UInt8 {
    fileprivate func constantTimeEquals(_ other: [UInt8]) -> Bool {
        guard count == other.count else { return false }
        return zip(self, other).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
