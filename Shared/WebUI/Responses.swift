import Foundation
import HTTPTypes
import Hummingbird

extension Response {
    /// The response with a `Set-Cookie` header when one is given.
    package func settingCookie(_ cookie: String?) -> Response {
        guard let cookie else { return self }
        var copy = self
        copy.headers.append(HTTPField(name: .setCookie, value: cookie))
        return copy
    }

    /// The response with a `Retry-After` header (429 answers).
    package func retryingAfter(_ seconds: Int) -> Response {
        var copy = self
        copy.headers[.retryAfter] = String(seconds)
        return copy
    }
}

extension PageRenderer {
    /// The 429 page with its `Retry-After`, when a rate limit stops an attempt.
    package func tooManyAttempts(wait seconds: Int) throws -> Response {
        try page("message", TooManyAttempts.page(wait: seconds), status: .tooManyRequests).retryingAfter(seconds)
    }
}

/// The page shown when a rate limit stops an attempt.
package enum TooManyAttempts {
    package static func page(wait seconds: Int) -> MessagePage {
        let minutes = max(1, (seconds + 59) / 60)
        return MessagePage(
            title: "Trop de tentatives",
            paragraphs: [
                "Par sécurité, cette action est suspendue pendant \(minutes) minute\(minutes > 1 ? "s" : ""). "
                    + "Réessayez ensuite ; votre compte n’est pas bloqué."
            ],
            links: [FormPage.Link(href: "/", label: "Retour à l’accueil")]
        )
    }
}
