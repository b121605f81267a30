import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceKit
import WebUI

/// Sign-in with FranceConnect (OpenID Connect code flow). The state is single use, kept server-side and bound to
/// the browser by a cookie, so a sign-in started elsewhere cannot be finished here; the nonce and the PKCE
/// verifier never leave the server.
struct FranceConnectController: Sendable {
    let provider: OIDCProvider
    let attempts: SignInAttempts
    let limiter: RateLimiter
    let trustedProxies: Set<String>
    let accounts: AccountRepository
    let sessions: WebSessions
    let pages: PageRenderer
    let secureCookies: Bool

    static let startPath = "/connexion/franceconnect"
    static let callbackPath = "/connexion/franceconnect/retour"
    private static let stateCookie = "mij-franceconnect"

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get(RouterPath(Self.startPath)) { request, context in try await start(request, context: context) }
        router.get(RouterPath(Self.callbackPath)) { request, context in try await finish(request, context: context) }
    }

    private func start(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let client = RateLimiter.Key(
            rule: .franceConnectPerClient,
            subject: context.clientAddress(of: request, trustedProxies: trustedProxies)
        )
        if let wait = try await limiter.retryAfter([client]) {
            return try pages.page("message", TooManyAttempts.page(wait: wait), status: .tooManyRequests)
                .retryingAfter(wait)
        }
        try await limiter.record([client])
        let state = SecretToken()
        let attempt = SignInAttempt(
            nonce: SecretToken().value,
            codeVerifier: SecretToken().value,
            returnPath: ReturnPath(request.uri.queryParameters["retour"].map(String.init))?.value ?? "/mon-espace"
        )
        let location: String
        do {
            location = try await provider.authorizationURL(
                state: state.value,
                nonce: attempt.nonce,
                codeVerifier: attempt.codeVerifier
            )
        } catch {
            context.logger.error("FranceConnect unreachable", metadata: ["error": "\(error)"])
            return try failure(status: .serviceUnavailable)
        }
        try await attempts.start(state: state, attempt)
        return Response(
            status: .seeOther,
            headers: [.location: location, .setCookie: cookie(state.value, maxAge: 600), .cacheControl: "no-store"]
        )
    }

    private func finish(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        guard let state = query["state"].flatMap({ SecretToken(received: String($0)) }),
            request.cookies[Self.stateCookie]?.value == state.value,
            let attempt = try await attempts.redeem(state: state)
        else {
            context.logger.notice("FranceConnect return refused: unknown, replayed or foreign state")
            return try failure(status: .badRequest)
        }
        if query["error"] != nil {
            // The person cancelled at FranceConnect, or it refused: back to the sign-in page.
            return Response(status: .seeOther, headers: [.location: "/connexion", .setCookie: cookie("", maxAge: 0)])
        }
        let identity: OIDCProvider.Identity
        do {
            identity = try await provider.identity(
                code: String(query["code"] ?? ""),
                codeVerifier: attempt.codeVerifier,
                nonce: attempt.nonce
            )
        } catch {
            context.logger.warning("FranceConnect sign-in failed", metadata: ["error": "\(error)"])
            return try failure(status: .badRequest)
        }
        guard let email = identity.email.flatMap(EmailAddress.init) else { return try failure(status: .badRequest) }
        switch try await accounts.franceConnectAccount(subject: identity.subject, email: email) {
        case .linkedElsewhere:
            return try pages.page(
                "message",
                MessagePage(
                    title: "Connexion impossible",
                    paragraphs: [
                        "L’adresse électronique de votre identité FranceConnect est déjà celle d’un compte relié à une "
                            + "autre identité FranceConnect. Connectez-vous avec votre adresse et votre mot de passe."
                    ],
                    links: [FormPage.Link(href: "/connexion", label: "Me connecter")]
                ),
                status: .conflict
            )
        case .signIn(let account):
            context.logger.info("signed in with FranceConnect", metadata: ["account.id": "\(account)"])
            var headers: HTTPFields = [.location: attempt.returnPath, .cacheControl: "no-store"]
            headers.append(HTTPField(name: .setCookie, value: try await sessions.open(for: account)))
            headers.append(HTTPField(name: .setCookie, value: cookie("", maxAge: 0)))
            return Response(status: .seeOther, headers: headers)
        }
    }

    private func failure(status: HTTPResponse.Status) throws -> Response {
        try pages.page(
            "message",
            MessagePage(
                title: "La connexion avec FranceConnect n’a pas abouti",
                paragraphs: [
                    "Nous n’avons pas pu vérifier votre identité auprès de FranceConnect. Réessayez ; si le problème "
                        + "persiste, connectez-vous avec votre adresse électronique et votre mot de passe."
                ],
                links: [FormPage.Link(href: "/connexion", label: "Revenir à la connexion")]
            ),
            status: status
        )
    }

    // Lax: the return from FranceConnect is a cross-site top-level navigation, which Strict would not carry.
    private func cookie(_ value: String, maxAge: Int) -> String {
        "\(Self.stateCookie)=\(value); Path=/connexion/franceconnect; Max-Age=\(maxAge); HttpOnly; SameSite=Lax"
            + (secureCookies ? "; Secure" : "")
    }
}
