import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenIDConnect
import ServiceKit
import WebUI

/// Sign-in with FranceConnect (OpenID Connect code flow, `OIDCSignIn`): the account is found by its FranceConnect
/// identity, linked by its address, or created.
struct FranceConnectController: Sendable {
    let signIn: OIDCSignIn
    let limiter: RateLimiter
    let trustedProxies: Set<String>
    let accounts: AccountRepository
    let sessions: WebSessions
    let pages: PageRenderer

    static let startPath = "/connexion/franceconnect"
    static let callbackPath = "/connexion/franceconnect/retour"

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get(RouterPath(Self.startPath)) { request, context in try await start(request, context: context) }
        router.get(RouterPath(Self.callbackPath)) { request, context in try await finish(request, context: context) }
    }

    private func start(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        try await signIn.startResponse(
            returnPath: ReturnPath(request.uri.queryParameters["retour"].map(String.init))?.value ?? "/mon-espace",
            client: context.clientAddress(of: request, trustedProxies: trustedProxies),
            limiter: limiter,
            rule: .franceConnectPerClient,
            pages: pages,
            logger: context.logger
        ) {
            try failure(status: .serviceUnavailable)
        }
    }

    private func finish(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (identity, returnPath): (OIDCProvider.Identity, String)
        switch try await signIn.finish(request, logger: context.logger) {
        case .failed: return try failure(status: .badRequest)
        case .cancelled:
            // The person cancelled at FranceConnect, or it refused: back to the sign-in page.
            return Response(
                status: .seeOther,
                headers: [.location: "/connexion", .setCookie: signIn.clearedCookie]
            )
        case .signedIn(let person, let path): (identity, returnPath) = (person, path)
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
            var headers: HTTPFields = [.location: returnPath, .cacheControl: "no-store"]
            headers.append(
                HTTPField(name: .setCookie, value: try await sessions.open(for: account, idToken: identity.idToken))
            )
            headers.append(HTTPField(name: .setCookie, value: signIn.clearedCookie))
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
}
