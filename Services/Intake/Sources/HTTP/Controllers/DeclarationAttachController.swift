import Contracts
import Foundation
import Hummingbird
import Logging
import Messaging
import ServiceKit
import WebUI

/// "I received a code from the police": a signed-in claimant types the declaration's code, confirms with the
/// one-time code sent to the contact the investigators declared (when they declared one), and their draft is
/// pre-filled and attached. Wrong codes are throttled per account and per client, and every refusal reads the same
/// whether the code never existed, expired or already served.
struct DeclarationAttachController: Sendable {
    let attachments: DeclarationAttachments
    let claims: any ClaimRepository
    let accountEmail: @Sendable (UUID) async throws -> String?
    let limiter: RateLimiter
    let pages: PageRenderer
    let csrf: CSRFProtection
    let gate: ClaimantGate
    let trustedProxies: Set<String>
    var clock: @Sendable () -> Date = { Date() }

    static let path = "/rattachement"
    static let perAccount = RateLimiter.Rule(name: "attach-account", limit: 10, window: 3600)
    static let perClient = RateLimiter.Rule(name: "attach-client", limit: 30, window: 3600)

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get(RouterPath(Self.path)) { request, _ in
            let session = try await gate.require(request)
            let typed = request.uri.queryParameters["code"].map(String.init) ?? ""
            return try pages.page("form-page", codeForm(typed: typed, csrfToken: session.csrfToken))
        }
        router.post(RouterPath(Self.path)) { request, context in try await submitCode(request, context: context) }
        router.get(RouterPath("\(Self.path)/:declaration")) { request, context in
            let session = try await gate.require(request)
            let declaration = try declarationId(context)
            return try pages.page("form-page", confirmationForm(declaration, csrfToken: session.csrfToken))
        }
        router.post(RouterPath("\(Self.path)/:declaration")) { request, context in
            try await confirm(request, context: context)
        }
    }

    private func submitCode(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (session, fields) = try await verifiedPost(request)
        let typed = fields["code"] ?? ""
        let keys = [
            RateLimiter.Key(rule: Self.perAccount, subject: session.principalId.uuidString),
            RateLimiter.Key(
                rule: Self.perClient,
                subject: context.clientAddress(of: request, trustedProxies: trustedProxies)
            ),
        ]
        if let wait = try await limiter.retryAfter(keys) {
            return try pages.page("message", TooManyAttempts.page(wait: wait), status: .tooManyRequests)
                .retryingAfter(wait)
        }
        guard let code = DeclarationCode(typed: typed) else {
            let problem = "Le code comporte 8 lettres et chiffres, par exemple KX7P-M2QR."
            return try pages.page(
                "form-page",
                codeForm(typed: typed, csrfToken: session.csrfToken, problem: problem),
                status: .unprocessableContent
            )
        }
        guard let found = try await attachments.find(code) else {
            try await limiter.record(keys)
            context.logger.notice("declaration code refused")
            let problem = "Ce code est inconnu, a expiré ou a déjà servi. Vérifiez-le sur l’avis ou le courriel reçu."
            return try pages.page(
                "form-page",
                codeForm(typed: typed, csrfToken: session.csrfToken, problem: problem),
                status: .unprocessableContent
            )
        }
        guard found.isConfirmedByCode else {
            return try await attach(found.id, owner: session.principalId, request: request, context: context)
        }
        // Each confirmation e-mail counts, so the code cannot be used to flood the occupant's mailbox.
        try await limiter.record(keys)
        try await attachments.sendConfirmation(
            for: found,
            account: session.principalId,
            context: MessageContext(request: request)
        )
        return redirect(to: "\(Self.path)/\(found.id.uuidString.lowercased())")
    }

    private func confirm(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (session, fields) = try await verifiedPost(request)
        let declaration = try declarationId(context)
        switch try await attachments.confirm(
            fields["confirmation"] ?? "",
            declaration: declaration,
            account: session.principalId
        ) {
        case .confirmed:
            return try await attach(declaration, owner: session.principalId, request: request, context: context)
        case .wrong(let left):
            let problem =
                left > 0
                ? "Ce code de confirmation est incorrect : il vous reste \(left) essai\(left > 1 ? "s" : "")."
                : "Ce code de confirmation est incorrect et ne peut plus servir : saisissez à nouveau le code des enquêteurs pour en recevoir un autre."
            return try pages.page(
                "form-page",
                confirmationForm(declaration, csrfToken: session.csrfToken, problem: problem),
                status: .unprocessableContent
            )
        case .unusable:
            let problem =
                "Ce code de confirmation a expiré ou a été trop souvent mal saisi : saisissez à nouveau le code des enquêteurs pour en recevoir un autre."
            return try pages.page(
                "form-page",
                confirmationForm(declaration, csrfToken: session.csrfToken, problem: problem),
                status: .unprocessableContent
            )
        }
    }

    /// Links the declaration to the claimant's draft (started if they have none) and opens it where it resumes.
    private func attach(_ declaration: UUID, owner: UUID, request: Request, context: ServiceRequestContext)
        async throws -> Response
    {
        let draft = try await claims.startDraft(
            ClaimForm(fields: ["email": try await accountEmail(owner) ?? ""]),
            owner: owner
        )
        switch try await attachments.attach(
            declaration,
            to: draft,
            owner: owner,
            context: MessageContext(request: request)
        ) {
        case .attached(let claim):
            context.logger.info(
                "declaration attached",
                metadata: ["claim.id": "\(claim)", "declaration.id": "\(declaration)"]
            )
            guard let stored = try await claims.claim(claim, owner: owner) else { throw HTTPError(.notFound) }
            let step = try await ClaimDraftController.resumeStep(stored, owner: owner, claims: claims, today: clock())
            return redirect(to: ClaimDraftController.stepPath(claim, step))
        case .unavailable:
            let page = MessagePage(
                title: "Déclaration indisponible",
                paragraphs: ["Ce code a expiré ou a déjà servi à une autre demande."],
                links: [FormPage.Link(href: "/mon-espace", label: "Mes demandes")]
            )
            return try pages.page("message", page, status: .conflict)
        case .draftTaken:
            let page = MessagePage(
                title: "Demande déjà rattachée",
                paragraphs: [
                    "Votre demande en cours est déjà rattachée à une autre déclaration des enquêteurs. Déposez-la avant d’en commencer une autre."
                ],
                links: [FormPage.Link(href: "/mon-espace", label: "Mes demandes")]
            )
            return try pages.page("message", page, status: .conflict)
        }
    }

    // MARK: - Pages

    private func codeForm(typed: String, csrfToken: String, problem: String? = nil) -> FormPage {
        var page = FormPage(
            title: "Rattacher la déclaration des enquêteurs",
            intro: [
                "Si la police ou la gendarmerie vous a remis un avis ou envoyé un courriel avec un code, saisissez-le : "
                    + "votre demande sera pré-remplie avec ce qu’ils ont déclaré et vous n’aurez pas à fournir d’attestation."
            ],
            action: Self.path,
            csrfToken: csrfToken,
            fields: [
                FormField(
                    name: "code",
                    label: "Code de rattachement",
                    value: typed,
                    error: problem,
                    hint: "8 lettres et chiffres, par exemple KX7P-M2QR",
                    autocomplete: "off"
                )
            ],
            submitLabel: "Continuer",
            links: [FormPage.Link(href: "/mon-espace", label: "Revenir à mes demandes")]
        )
        page.account = AccountNav(csrfToken: csrfToken)
        return page
    }

    private func confirmationForm(_ declaration: UUID, csrfToken: String, problem: String? = nil) -> FormPage {
        var page = FormPage(
            title: "Confirmez que vous êtes l’occupant",
            intro: [
                "Nous venons d’envoyer un code de confirmation à 6 chiffres à l’adresse électronique, ou à défaut au "
                    + "téléphone portable, que les enquêteurs ont déclaré pour l’occupant du logement. Il est valable "
                    + "15 minutes."
            ],
            action: "\(Self.path)/\(declaration.uuidString.lowercased())",
            csrfToken: csrfToken,
            fields: [
                FormField(
                    name: "confirmation",
                    label: "Code de confirmation",
                    error: problem,
                    hint: "6 chiffres, reçus par courriel ou par SMS",
                    autocomplete: "one-time-code"
                )
            ],
            submitLabel: "Rattacher la déclaration",
            links: [
                FormPage.Link(href: Self.path, label: "Je n’ai rien reçu : saisir à nouveau le code des enquêteurs")
            ]
        )
        page.account = AccountNav(csrfToken: csrfToken)
        return page
    }

    // MARK: - Helpers

    private func verifiedPost(_ request: Request) async throws -> (WebSessions.Session, [String: String]) {
        let fields = try await FormBody.fields(of: request)
        let session = try await gate.require(request)
        try csrf.verify(request, submitted: fields["csrfToken"], session: session)
        return (session, fields)
    }

    private func declarationId(_ context: ServiceRequestContext) throws -> UUID {
        guard let id = context.parameters.get("declaration").flatMap(UUID.init(uuidString:)) else {
            throw HTTPError(.notFound)
        }
        return id
    }

    private func redirect(to path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path, .cacheControl: "no-store"])
    }
}
