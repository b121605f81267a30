import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Messaging
import ServiceKit
import WebUI

/// Account creation and activation. Every answer is the same whether the address is new, pending or already
/// registered, so the form never tells a stranger who has an account.
struct AccountController: Sendable {
    let accounts: AccountRepository
    let hasher: PasswordHasher
    let limiter: RateLimiter
    let pages: PageRenderer
    let csrf: CSRFProtection
    let trustedProxies: Set<String>

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/compte/creer") { request, _ in try showRegistration(request) }
        router.post("/compte/creer") { request, context in try await register(request, context: context) }
        router.get("/compte/activation/:token") { request, context in
            try await showActivation(request, context: context)
        }
        router.post("/compte/activation/:token") { request, context in try await activate(request, context: context) }
    }

    // MARK: - Registration

    private func showRegistration(_ request: Request) throws -> Response {
        let (token, setCookie) = csrf.token(for: request)
        return try pages.page("form-page", registrationForm(csrfToken: token, email: "", problems: [:])).settingCookie(
            setCookie
        )
    }

    private func register(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let fields = try await FormBody.fields(of: request)
        try csrf.verify(request, submitted: fields["csrfToken"])
        let typedEmail = (fields["email"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = fields["password"] ?? ""
        var problems = PasswordPolicy.problems(
            password: password,
            confirmation: fields["passwordConfirmation"],
            email: typedEmail
        )
        let email = EmailAddress(typedEmail)
        if email == nil { problems["email"] = EmailAddress.problem }
        guard let email, problems.isEmpty else {
            let form = registrationForm(csrfToken: fields["csrfToken"] ?? "", email: typedEmail, problems: problems)
            return try pages.page("form-page", form, status: .unprocessableContent)
        }
        let client = context.clientAddress(of: request, trustedProxies: trustedProxies)
        if let wait = try await limiter.admitMailRequest(for: email, from: client) {
            return try pages.tooManyAttempts(wait: wait)
        }
        try await accounts.register(
            email,
            passwordHash: try await hasher.hash(password),
            context: MessageContext(request: request)
        )
        context.logger.info("account registration requested")
        return try pages.page("message", Self.checkInbox)
    }

    private func registrationForm(csrfToken: String, email: String, problems: [String: String]) -> FormPage {
        FormPage(
            title: "Créer mon compte",
            intro: [
                "Votre compte vous permet de déposer votre demande, de la compléter en plusieurs fois et d’en suivre "
                    + "l’avancement. Nous vous enverrons un lien pour confirmer votre adresse électronique."
            ],
            action: "/compte/creer",
            csrfToken: csrfToken,
            fields: [
                FormField(
                    name: "email",
                    label: "Adresse électronique",
                    type: "email",
                    value: email,
                    error: problems["email"],
                    hint: "Format attendu : nom@exemple.fr",
                    autocomplete: "email"
                ),
                FormField(
                    name: "password",
                    label: "Mot de passe",
                    type: "password",
                    error: problems["password"],
                    hint:
                        "Au moins \(PasswordPolicy.minimumLength) caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.",
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
            submitLabel: "Créer mon compte",
            links: [FormPage.Link(href: "/connexion", label: "J’ai déjà un compte : me connecter")]
        )
    }

    static let checkInbox = MessagePage(
        title: "Consultez votre messagerie",
        paragraphs: [
            "Si cette adresse peut recevoir un compte, un message vient de vous être envoyé avec un lien pour l’activer. "
                + "Le lien est valable 24 heures.",
            "Vous ne le trouvez pas ? Regardez dans les courriers indésirables, ou recommencez dans quelques minutes. "
                + "Si vous avez déjà un compte, connectez-vous ou choisissez un nouveau mot de passe.",
        ],
        links: [
            FormPage.Link(href: "/connexion", label: "Me connecter"),
            FormPage.Link(href: "/connexion/mot-de-passe-oublie", label: "Mot de passe oublié"),
        ]
    )

    // MARK: - Activation

    // Opening the link only shows a button: mail scanners that follow links must not use the token up.
    private func showActivation(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let token = SecretToken(received: context.parameters.get("token") ?? ""),
            try await accounts.isUsable(token, purpose: .verifyEmail)
        else { return try pages.page("message", Self.expiredActivation, status: .notFound) }
        let (csrfToken, setCookie) = csrf.token(for: request)
        let page = MessagePage(
            title: "Activer mon compte",
            paragraphs: ["Confirmez l’activation de votre compte pour pouvoir vous connecter."],
            button: .init(
                action: "/compte/activation/\(token.value)",
                label: "Activer mon compte",
                csrfToken: csrfToken
            )
        )
        return try pages.page("message", page).settingCookie(setCookie)
    }

    private func activate(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let fields = try await FormBody.fields(of: request)
        try csrf.verify(request, submitted: fields["csrfToken"])
        guard let token = SecretToken(received: context.parameters.get("token") ?? ""), try await accounts.verify(token)
        else {
            return try pages.page("message", Self.expiredActivation, status: .notFound)
        }
        context.logger.info("account activated")
        let page = MessagePage(
            title: "Votre compte est activé",
            paragraphs: ["Vous pouvez maintenant vous connecter pour déposer et suivre votre demande."],
            links: [FormPage.Link(href: "/connexion", label: "Me connecter")]
        )
        return try pages.page("message", page)
    }

    static let expiredActivation = MessagePage(
        title: "Ce lien n’est plus valable",
        paragraphs: [
            "Le lien d’activation a déjà servi, a expiré (il est valable 24 heures) ou a été remplacé par un lien plus récent.",
            "Si votre compte n’est pas encore activé, saisissez de nouveau votre adresse : nous vous enverrons un nouveau lien.",
        ],
        links: [
            FormPage.Link(href: "/compte/creer", label: "Recevoir un nouveau lien"),
            FormPage.Link(href: "/connexion", label: "Me connecter"),
        ]
    )

}
