import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceKit
import WebUI

/// Agents' sign-in with a local account (development and demos; ProConnect in production, `ProConnectController`)
/// and sign-out. Failed sign-ins are throttled per
/// address and per client address.
struct AgentSignInController: Sendable {
    let directory: AgentDirectory
    let limiter: RateLimiter
    let sessions: WebSessions
    let pages: PageRenderer
    let csrf: CSRFProtection
    let trustedProxies: Set<String>
    /// Shows the ProConnect button (when `PROCONNECT_ISSUER` is set).
    var offersProConnect = false

    static let perAccount = RateLimiter.Rule(name: "agent-sign-in-account", limit: 5, window: 20 * 60)
    static let perClient = RateLimiter.Rule(name: "agent-sign-in-client", limit: 50, window: 20 * 60)

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get(RouterPath(AgentGate.signInPath)) { request, _ in
            let (token, setCookie) = csrf.token(for: request)
            let returnPath = ReturnPath(request.uri.queryParameters["retour"].map(String.init))
            return try pages.page("form-page", form(csrfToken: token, email: "", returnPath: returnPath))
                .settingCookie(setCookie)
        }
        router.post(RouterPath(AgentGate.signInPath)) { request, context in try await signIn(request, context: context)
        }
        router.post("/agents/deconnexion") { request, _ in
            let fields = try await FormBody.fields(of: request)
            if let session = try await sessions.current(request) {
                try csrf.verify(request, submitted: fields["csrfToken"], session: session)
            }
            let cookie = try await sessions.close(request)
            return Response(
                status: .seeOther,
                headers: [.location: AgentGate.signInPath, .setCookie: cookie, .cacheControl: "no-store"]
            )
        }
    }

    private func signIn(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let fields = try await FormBody.fields(of: request)
        try csrf.verify(request, submitted: fields["csrfToken"])
        let email = (fields["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let returnPath = ReturnPath(fields["retour"])
        func refuse(_ alert: String, status: HTTPResponse.Status) throws -> Response {
            let page = form(csrfToken: fields["csrfToken"] ?? "", email: email, returnPath: returnPath, alert: alert)
            return try pages.page("form-page", page, status: status)
        }
        let accountKey = RateLimiter.Key.email(email, Self.perAccount)
        let keys = [
            accountKey,
            RateLimiter.Key(
                rule: Self.perClient,
                subject: context.clientAddress(of: request, trustedProxies: trustedProxies)
            ),
        ]
        if let wait = try await limiter.retryAfter(keys) {
            return try refuse(TooManyAttempts.page(wait: wait).paragraphs[0], status: .tooManyRequests)
                .retryingAfter(wait)
        }
        guard let agent = try await directory.verify(email: email, password: fields["password"] ?? "") else {
            try await limiter.record(keys)
            context.logger.notice("agent sign-in refused")
            return try refuse("Adresse électronique ou mot de passe incorrect.", status: .unauthorized)
        }
        try await limiter.reset(accountKey)
        let cookie = try await sessions.open(for: agent.id)
        context.logger.info("agent signed in", metadata: ["agent.id": "\(agent.id)"])
        return Response(
            status: .seeOther,
            headers: [
                .location: returnPath?.value ?? AgentPages.home(of: agent), .setCookie: cookie,
                .cacheControl: "no-store",
            ]
        )
    }

    private func form(csrfToken: String, email: String, returnPath: ReturnPath?, alert: String? = nil) -> FormPage {
        var page = FormPage(
            title: "Connexion des agents",
            intro: ["Espace réservé aux agents du bureau du précontentieux du ministère de la Justice."],
            action: AgentGate.signInPath,
            csrfToken: csrfToken,
            hidden: returnPath.map { [FormPage.Hidden(name: "retour", value: $0.value)] } ?? [],
            fields: [
                FormField(
                    name: "email",
                    label: "Adresse électronique professionnelle",
                    type: "email",
                    value: email,
                    hint: "Format attendu : prenom.nom@justice.gouv.fr",
                    autocomplete: "email"
                ),
                FormField(name: "password", label: "Mot de passe", type: "password", autocomplete: "current-password"),
            ],
            submitLabel: "Se connecter",
            alert: alert,
            identityProvider: offersProConnect
                ? FormPage.IdentityProvider(
                    name: "ProConnect",
                    href: ProConnectController.startPath,
                    aboutHref: "https://www.proconnect.gouv.fr/"
                ) : nil
        )
        page.site = AgentPages.site
        page.homePath = "/agents/dossiers"
        return page
    }
}
