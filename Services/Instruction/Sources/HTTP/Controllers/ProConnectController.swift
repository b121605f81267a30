import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenIDConnect
import ServiceKit
import WebUI

/// Agents' sign-in with ProConnect (OpenID Connect code flow, `OIDCSignIn`): only agents a staff manager declared
/// get in, found by their ProConnect identity or, the first time, by their professional address.
struct ProConnectController: Sendable {
    let signIn: OIDCSignIn
    let limiter: RateLimiter
    let trustedProxies: Set<String>
    let directory: AgentDirectory
    let sessions: WebSessions
    let pages: PageRenderer

    static let startPath = "/agents/connexion/proconnect"
    static let callbackPath = "/agents/connexion/proconnect/retour"
    static let perClient = RateLimiter.Rule(name: "agent-proconnect-client", limit: 30, window: 10 * 60)

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get(RouterPath(Self.startPath)) { request, context in try await start(request, context: context) }
        router.get(RouterPath(Self.callbackPath)) { request, context in try await finish(request, context: context) }
    }

    private func start(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        try await signIn.startResponse(
            returnPath: ReturnPath(request.uri.queryParameters["retour"].map(String.init))?.value ?? "",
            client: context.clientAddress(of: request, trustedProxies: trustedProxies),
            limiter: limiter,
            rule: Self.perClient,
            pages: pages,
            logger: context.logger
        ) {
            try message(
                "La connexion avec ProConnect n’a pas abouti",
                "ProConnect ne répond pas. Réessayez dans quelques instants.",
                status: .serviceUnavailable
            )
        }
    }

    private func finish(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (identity, returnPath): (OIDCProvider.Identity, String)
        switch try await signIn.finish(request, logger: context.logger) {
        case .failed:
            return try message(
                "La connexion avec ProConnect n’a pas abouti",
                "Nous n’avons pas pu vérifier votre identité auprès de ProConnect. Réessayez depuis la page de connexion.",
                status: .badRequest
            )
        case .cancelled:
            return Response(
                status: .seeOther,
                headers: [.location: AgentGate.signInPath, .setCookie: signIn.clearedCookie]
            )
        case .signedIn(let person, let path): (identity, returnPath) = (person, path)
        }
        guard let email = identity.email,
            let agent = try await directory.proConnectAgent(subject: identity.subject, email: email)
        else {
            context.logger.notice("ProConnect identity of no declared agent refused")
            return try message(
                "Votre compte n’est pas ouvert",
                "ProConnect vous a bien identifié, mais aucun compte actif d’agent du bureau ne correspond à votre "
                    + "adresse professionnelle. Demandez au gestionnaire des agents de vous déclarer.",
                status: .forbidden
            )
        }
        context.logger.info("agent signed in with ProConnect", metadata: ["agent.id": "\(agent.id)"])
        var headers: HTTPFields = [
            .location: returnPath.isEmpty ? AgentPages.home(of: agent) : returnPath, .cacheControl: "no-store",
        ]
        headers.append(
            HTTPField(name: .setCookie, value: try await sessions.open(for: agent.id, idToken: identity.idToken))
        )
        headers.append(HTTPField(name: .setCookie, value: signIn.clearedCookie))
        return Response(status: .seeOther, headers: headers)
    }

    private func message(_ title: String, _ text: String, status: HTTPResponse.Status) throws -> Response {
        var page = MessagePage(
            title: title,
            paragraphs: [text],
            links: [FormPage.Link(href: AgentGate.signInPath, label: "Revenir à la connexion")]
        )
        page.site = AgentPages.site
        page.homePath = AgentPages.home
        return try pages.page("message", page, status: status)
    }
}
