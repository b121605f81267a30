import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Messaging
import ServiceKit
import WebUI

/// Sign-in, sign-out and the forgotten-password loop. Failed sign-ins are throttled per address and per
/// client; messages never say whether an address has an account.
struct SignInController: Sendable {
    let accounts: AccountRepository
    let hasher: PasswordHasher
    let limiter: RateLimiter
    let sessions: WebSessions
    let pages: PageRenderer
    let csrf: CSRFProtection
    let trustedProxies: Set<String>
    /// FranceConnect, offered above the form when configured.
    var identityProvider: FormPage.IdentityProvider?
    /// Ends a FranceConnect session with the portal's.
    var providerSignOut: WebSessions.ProviderSignOut?

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/connexion") { request, _ in try showSignIn(request) }
        router.post("/connexion") { request, context in try await signIn(request, context: context) }
        router.post("/deconnexion") { request, context in try await signOut(request, context: context) }
        router.get("/connexion/mot-de-passe-oublie") { request, _ in try showForgotten(request) }
        router.post("/connexion/mot-de-passe-oublie") { request, context in
            try await sendResetLink(request, context: context)
        }
        router.get("/connexion/nouveau-mot-de-passe/:token") { request, context in
            try await showReset(request, context: context)
        }
        router.post("/connexion/nouveau-mot-de-passe/:token") { request, context in
            try await reset(request, context: context)
        }
    }

    // MARK: - Sign-in and sign-out

    private func showSignIn(_ request: Request) throws -> Response {
        let (token, setCookie) = csrf.token(for: request)
        let returnPath = ReturnPath(request.uri.queryParameters["retour"].map(String.init))
        return try pages.page("form-page", signInForm(csrfToken: token, email: "", returnPath: returnPath))
            .settingCookie(setCookie)
    }

    private func signIn(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let fields = try await FormBody.fields(of: request)
        try csrf.verify(request, submitted: fields["csrfToken"])
        let typedEmail = (fields["email"] ?? "").trimmingCharacters(in: .whitespaces)
        let returnPath = ReturnPath(fields["retour"])
        func refuse(_ alert: String, status: HTTPResponse.Status) throws -> Response {
            let form = signInForm(
                csrfToken: fields["csrfToken"] ?? "",
                email: typedEmail,
                returnPath: returnPath,
                alert: alert
            )
            return try pages.page("form-page", form, status: status)
        }
        guard let email = EmailAddress(typedEmail) else {
            return try refuse(Self.wrongCredentials, status: .unauthorized)
        }
        let accountKey = RateLimiter.Key.account(email, .signInPerAccount)
        let keys = [
            accountKey,
            RateLimiter.Key(
                rule: .signInPerClient,
                subject: context.clientAddress(of: request, trustedProxies: trustedProxies)
            ),
        ]
        if let wait = try await limiter.retryAfter(keys) {
            return try refuse(TooManyAttempts.page(wait: wait).paragraphs[0], status: .tooManyRequests).retryingAfter(
                wait
            )
        }
        let account = try await accounts.credentials(for: email)
        guard let account, try await hasher.verify(fields["password"] ?? "", against: account.passwordHash) else {
            try await limiter.record(keys)
            context.logger.notice("sign-in refused")
            return try refuse(Self.wrongCredentials, status: .unauthorized)
        }
        guard account.isVerified else {
            return try refuse(
                "Votre compte n’est pas encore activé : ouvrez le lien reçu par courriel, ou recréez votre compte pour en recevoir un nouveau.",
                status: .forbidden
            )
        }
        try await limiter.reset(accountKey)
        let cookie = try await sessions.open(for: account.accountId)
        context.logger.info("claimant signed in", metadata: ["account.id": "\(account.accountId)"])
        return Response(
            status: .seeOther,
            headers: [.location: returnPath?.value ?? "/mon-espace", .setCookie: cookie, .cacheControl: "no-store"]
        )
    }

    /// Ends the session here and, for a session opened with FranceConnect, at FranceConnect too (the person
    /// comes back to the home page from there).
    private func signOut(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let fields = try await FormBody.fields(of: request)
        if let session = try await sessions.current(request) {
            try csrf.verify(request, submitted: fields["csrfToken"], session: session)
        }
        let closed = try await sessions.close(request)
        let location = await providerSignOut?(closed.idToken, context.logger) ?? "/"
        return Response(
            status: .seeOther,
            headers: [.location: location, .setCookie: closed.setCookie, .cacheControl: "no-store"]
        )
    }

    private func signInForm(csrfToken: String, email: String, returnPath: ReturnPath?, alert: String? = nil) -> FormPage
    {
        FormPage(
            title: "Me connecter",
            action: "/connexion",
            csrfToken: csrfToken,
            hidden: returnPath.map { [FormPage.Hidden(name: "retour", value: $0.value)] } ?? [],
            fields: [
                FormField(
                    name: "email",
                    label: "Adresse électronique",
                    type: "email",
                    value: email,
                    hint: "Format attendu : nom@exemple.fr",
                    autocomplete: "email"
                ),
                FormField(name: "password", label: "Mot de passe", type: "password", autocomplete: "current-password"),
            ],
            submitLabel: "Se connecter",
            alert: alert,
            links: [
                FormPage.Link(href: "/connexion/mot-de-passe-oublie", label: "Mot de passe oublié"),
                FormPage.Link(href: "/compte/creer", label: "Créer mon compte"),
            ],
            identityProvider: identityProvider.map { provider in
                var provider = provider
                if let returnPath { provider.href += "?retour=\(returnPath.percentEncoded)" }
                return provider
            }
        )
    }

    static let wrongCredentials = "Adresse électronique ou mot de passe incorrect."

    // MARK: - Forgotten password

    private func showForgotten(_ request: Request) throws -> Response {
        let (token, setCookie) = csrf.token(for: request)
        return try pages.page("form-page", forgottenForm(csrfToken: token, email: "", problem: nil)).settingCookie(
            setCookie
        )
    }

    private func sendResetLink(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let fields = try await FormBody.fields(of: request)
        try csrf.verify(request, submitted: fields["csrfToken"])
        let typedEmail = (fields["email"] ?? "").trimmingCharacters(in: .whitespaces)
        guard let email = EmailAddress(typedEmail) else {
            let form = forgottenForm(
                csrfToken: fields["csrfToken"] ?? "",
                email: typedEmail,
                problem: EmailAddress.problem
            )
            return try pages.page("form-page", form, status: .unprocessableContent)
        }
        let client = context.clientAddress(of: request, trustedProxies: trustedProxies)
        if let wait = try await limiter.admitMailRequest(for: email, from: client) {
            return try pages.tooManyAttempts(wait: wait)
        }
        try await accounts.requestPasswordReset(email, context: MessageContext(request: request))
        let page = MessagePage(
            title: "Consultez votre messagerie",
            paragraphs: [
                "Si un compte activé correspond à cette adresse, un message vient de lui être envoyé avec un lien pour choisir "
                    + "un nouveau mot de passe. Le lien est valable une heure et ne sert qu’une fois."
            ],
            links: [FormPage.Link(href: "/connexion", label: "Me connecter")]
        )
        return try pages.page("message", page)
    }

    private func forgottenForm(csrfToken: String, email: String, problem: String?) -> FormPage {
        FormPage(
            title: "Mot de passe oublié",
            intro: [
                "Indiquez l’adresse de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe."
            ],
            action: "/connexion/mot-de-passe-oublie",
            csrfToken: csrfToken,
            fields: [
                FormField(
                    name: "email",
                    label: "Adresse électronique",
                    type: "email",
                    value: email,
                    error: problem,
                    hint: "Format attendu : nom@exemple.fr",
                    autocomplete: "email"
                )
            ],
            submitLabel: "Recevoir un lien"
        )
    }

    // MARK: - New password

    private func showReset(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let token = SecretToken(received: context.parameters.get("token") ?? ""),
            try await accounts.isUsable(token, purpose: .resetPassword)
        else { return try pages.page("message", Self.expiredReset, status: .notFound) }
        let (csrfToken, setCookie) = csrf.token(for: request)
        return try pages.page("form-page", resetForm(token: token, csrfToken: csrfToken, problems: [:])).settingCookie(
            setCookie
        )
    }

    private func reset(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let fields = try await FormBody.fields(of: request)
        try csrf.verify(request, submitted: fields["csrfToken"])
        guard let token = SecretToken(received: context.parameters.get("token") ?? "") else {
            return try pages.page("message", Self.expiredReset, status: .notFound)
        }
        let password = fields["password"] ?? ""
        let problems = PasswordPolicy.problems(
            password: password,
            confirmation: fields["passwordConfirmation"],
            email: ""
        )
        guard problems.isEmpty else {
            let form = resetForm(token: token, csrfToken: fields["csrfToken"] ?? "", problems: problems)
            return try pages.page("form-page", form, status: .unprocessableContent)
        }
        guard try await accounts.resetPassword(token, newHash: try await hasher.hash(password), sessions: sessions)
        else {
            return try pages.page("message", Self.expiredReset, status: .notFound)
        }
        context.logger.info("password reset")
        let page = MessagePage(
            title: "Votre mot de passe est changé",
            paragraphs: [
                "Vous pouvez vous connecter avec votre nouveau mot de passe. Vos autres connexions ont été fermées."
            ],
            links: [FormPage.Link(href: "/connexion", label: "Me connecter")]
        )
        return try pages.page("message", page).settingCookie(try await sessions.close(request).setCookie)
    }

    private func resetForm(token: SecretToken, csrfToken: String, problems: [String: String]) -> FormPage {
        FormPage(
            title: "Choisir un nouveau mot de passe",
            action: "/connexion/nouveau-mot-de-passe/\(token.value)",
            csrfToken: csrfToken,
            fields: [
                FormField(
                    name: "password",
                    label: "Nouveau mot de passe",
                    type: "password",
                    error: problems["password"],
                    hint: "Au moins \(PasswordPolicy.minimumLength) caractères.",
                    autocomplete: "new-password"
                ),
                FormField(
                    name: "passwordConfirmation",
                    label: "Confirmation du mot de passe",
                    type: "password",
                    error: problems["passwordConfirmation"],
                    autocomplete: "new-password"
                ),
            ],
            submitLabel: "Enregistrer le mot de passe"
        )
    }

    static let expiredReset = MessagePage(
        title: "Ce lien n’est plus valable",
        paragraphs: [
            "Le lien a déjà servi, a expiré (il est valable une heure) ou a été remplacé par un lien plus récent."
        ],
        links: [FormPage.Link(href: "/connexion/mot-de-passe-oublie", label: "Recevoir un nouveau lien")]
    )
}
