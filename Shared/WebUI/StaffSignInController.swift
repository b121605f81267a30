import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceKit

/// Sign-in with a local professional account (agents, investigators: development and demos, ProConnect in
/// production) and sign-out, for one portal. Failed sign-ins are throttled per address and per client address;
/// the messages never tell whether an address has an account.
package struct StaffSignInController: Sendable {
    /// What differs from one portal to the other.
    package struct Portal: Sendable {
        /// `/agents/connexion`.
        package var signInPath: String
        /// `/agents/deconnexion`.
        package var signOutPath: String
        /// The site name in the header.
        package var site: String
        /// Where the header's site name links.
        package var homePath: String
        package var title: String
        package var intro: [String]
        package var emailHint: String
        /// Prefix of the throttling rules' names (`agent` → `agent-sign-in-account`).
        package var throttlePrefix: String
        /// The federation button (ProConnect) when it is configured.
        package var identityProvider: FormPage.IdentityProvider?

        package init(
            signInPath: String,
            signOutPath: String,
            site: String,
            homePath: String,
            title: String,
            intro: [String],
            emailHint: String,
            throttlePrefix: String,
            identityProvider: FormPage.IdentityProvider? = nil
        ) {
            self.signInPath = signInPath
            self.signOutPath = signOutPath
            self.site = site
            self.homePath = homePath
            self.title = title
            self.intro = intro
            self.emailHint = emailHint
            self.throttlePrefix = throttlePrefix
            self.identityProvider = identityProvider
        }
    }

    /// A verified account: who signed in, and the page they land on when no return path was asked.
    package struct Verified: Sendable {
        package var id: UUID
        package var landing: String

        package init(id: UUID, landing: String) {
            self.id = id
            self.landing = landing
        }
    }

    package let portal: Portal
    /// The active account with these credentials (e-mail lower-cased), if any.
    package let verify: @Sendable (_ email: String, _ password: String) async throws -> Verified?
    package let limiter: RateLimiter
    package let sessions: WebSessions
    package let pages: PageRenderer
    package let csrf: CSRFProtection
    package let trustedProxies: Set<String>
    /// Ends a ProConnect session with the portal's.
    package var providerSignOut: WebSessions.ProviderSignOut?

    package init(
        portal: Portal,
        limiter: RateLimiter,
        sessions: WebSessions,
        pages: PageRenderer,
        csrf: CSRFProtection,
        trustedProxies: Set<String>,
        providerSignOut: WebSessions.ProviderSignOut? = nil,
        verify: @escaping @Sendable (_ email: String, _ password: String) async throws -> Verified?
    ) {
        self.portal = portal
        self.verify = verify
        self.limiter = limiter
        self.sessions = sessions
        self.pages = pages
        self.csrf = csrf
        self.trustedProxies = trustedProxies
        self.providerSignOut = providerSignOut
    }

    var perAccount: RateLimiter.Rule {
        RateLimiter.Rule(name: "\(portal.throttlePrefix)-sign-in-account", limit: 5, window: 20 * 60)
    }
    var perClient: RateLimiter.Rule {
        RateLimiter.Rule(name: "\(portal.throttlePrefix)-sign-in-client", limit: 50, window: 20 * 60)
    }

    package func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get(RouterPath(portal.signInPath)) { request, _ in
            let (token, setCookie) = csrf.token(for: request)
            let returnPath = ReturnPath(request.uri.queryParameters["retour"].map(String.init))
            return try pages.page("form-page", form(csrfToken: token, email: "", returnPath: returnPath))
                .settingCookie(setCookie)
        }
        router.post(RouterPath(portal.signInPath)) { request, context in try await signIn(request, context: context) }
        router.post(RouterPath(portal.signOutPath)) { request, context in
            let fields = try await FormBody.fields(of: request)
            if let session = try await sessions.current(request) {
                try csrf.verify(request, submitted: fields["csrfToken"], session: session)
            }
            let closed = try await sessions.close(request)
            let location = await providerSignOut?(closed.idToken, context.logger) ?? portal.signInPath
            return Response(
                status: .seeOther,
                headers: [.location: location, .setCookie: closed.setCookie, .cacheControl: "no-store"]
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
        let accountKey = RateLimiter.Key.email(email, perAccount)
        let keys = [
            accountKey,
            RateLimiter.Key(
                rule: perClient,
                subject: context.clientAddress(of: request, trustedProxies: trustedProxies)
            ),
        ]
        if let wait = try await limiter.retryAfter(keys) {
            return try refuse(TooManyAttempts.page(wait: wait).paragraphs[0], status: .tooManyRequests)
                .retryingAfter(wait)
        }
        guard let account = try await verify(email, fields["password"] ?? "") else {
            try await limiter.record(keys)
            context.logger.notice("\(portal.throttlePrefix) sign-in refused")
            return try refuse("Adresse électronique ou mot de passe incorrect.", status: .unauthorized)
        }
        try await limiter.reset(accountKey)
        let cookie = try await sessions.open(for: account.id)
        context.logger.info("\(portal.throttlePrefix) signed in", metadata: ["principal.id": "\(account.id)"])
        return Response(
            status: .seeOther,
            headers: [
                .location: returnPath?.value ?? account.landing, .setCookie: cookie, .cacheControl: "no-store",
            ]
        )
    }

    private func form(csrfToken: String, email: String, returnPath: ReturnPath?, alert: String? = nil) -> FormPage {
        var page = FormPage(
            title: portal.title,
            intro: portal.intro,
            action: portal.signInPath,
            csrfToken: csrfToken,
            hidden: returnPath.map { [FormPage.Hidden(name: "retour", value: $0.value)] } ?? [],
            fields: [
                FormField(
                    name: "email",
                    label: "Adresse électronique professionnelle",
                    type: "email",
                    value: email,
                    hint: portal.emailHint,
                    autocomplete: "email"
                ),
                FormField(name: "password", label: "Mot de passe", type: "password", autocomplete: "current-password"),
            ],
            submitLabel: "Se connecter",
            alert: alert,
            identityProvider: portal.identityProvider
        )
        page.site = portal.site
        page.homePath = portal.homePath
        return page
    }
}
