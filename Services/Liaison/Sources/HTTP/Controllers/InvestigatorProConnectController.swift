import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenIDConnect
import ReferenceData
import ServiceKit
import WebUI

/// Investigators' sign-in with ProConnect (OpenID Connect code flow, `OIDCSignIn`). A known identity gets a
/// session; a new one is auto-validated, as today, once it declared its posting (force and unit): the force comes
/// from the administration's SIRET when it is configured.
struct InvestigatorProConnectController: Sendable {
    let signIn: OIDCSignIn
    let limiter: RateLimiter
    let trustedProxies: Set<String>
    let directory: InvestigatorDirectory
    let sessions: WebSessions
    let pages: PageRenderer
    let csrf: CSRFProtection
    let secureCookies: Bool
    /// SIREN (9 digits) → force, from `LIAISON_FORCE_SIRENS`.
    let forceSIRENs: [String: String]
    /// The directory of units a new investigator picks theirs from.
    let places: Places
    var clock: @Sendable () -> Date = { Date() }

    static let startPath = "/fdo/connexion/proconnect"
    static let callbackPath = "/fdo/connexion/proconnect/retour"
    static let postingPath = "/fdo/affectation"
    static let perClient = RateLimiter.Rule(name: "investigator-proconnect-client", limit: 30, window: 10 * 60)

    private var enrolmentCookie: String { secureCookies ? "__Secure-mij-fdo-enrolment" : "mij-fdo-enrolment" }

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get(RouterPath(Self.startPath)) { request, context in try await start(request, context: context) }
        router.get(RouterPath(Self.callbackPath)) { request, context in try await finish(request, context: context) }
        router.get(RouterPath(Self.postingPath)) { request, _ in try await showPosting(request) }
        router.post(RouterPath(Self.postingPath)) { request, context in
            try await declarePosting(request, context: context)
        }
    }

    private func start(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        try await signIn.startResponse(
            returnPath: "",
            client: context.clientAddress(of: request, trustedProxies: trustedProxies),
            limiter: limiter,
            rule: Self.perClient,
            pages: pages,
            logger: context.logger
        ) {
            try message(
                "ProConnect ne répond pas. Réessayez dans quelques instants.",
                status: .serviceUnavailable
            )
        }
    }

    private func finish(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let identity: OIDCProvider.Identity
        switch try await signIn.finish(request, logger: context.logger) {
        case .failed:
            return try message(
                "Nous n’avons pas pu vérifier votre identité auprès de ProConnect. Réessayez depuis la page de connexion.",
                status: .badRequest
            )
        case .cancelled:
            return Response(
                status: .seeOther,
                headers: [.location: InvestigatorGate.signInPath, .setCookie: signIn.clearedCookie]
            )
        case .signedIn(let person, _): identity = person
        }
        guard let email = identity.email else {
            return try message("ProConnect n’a pas transmis votre adresse professionnelle.", status: .forbidden)
        }
        var headers: HTTPFields = [.cacheControl: "no-store"]
        headers.append(HTTPField(name: .setCookie, value: signIn.clearedCookie))
        if let investigator = try await directory.proConnectInvestigator(subject: identity.subject, email: email) {
            context.logger.info(
                "investigator signed in with ProConnect",
                metadata: ["investigator.id": "\(investigator.id)"]
            )
            headers[.location] = LiaisonPages.home
            headers.append(
                HTTPField(
                    name: .setCookie,
                    value: try await sessions.open(for: investigator.id, idToken: identity.idToken)
                )
            )
            return Response(status: .seeOther, headers: headers)
        }
        let name = [identity.givenName, identity.familyName].compactMap { $0 }.joined(separator: " ")
        let token = try await directory.startEnrolment(
            subject: identity.subject,
            email: email,
            displayName: name.isEmpty ? email : name,
            force: Posting.force(ofSIRET: identity.siret, sirens: forceSIRENs),
            idToken: identity.idToken,
            now: clock()
        )
        context.logger.info("new ProConnect identity asked for its posting")
        headers[.location] = Self.postingPath
        headers.append(
            HTTPField(
                name: .setCookie,
                value: enrolmentCookie(token, maxAge: Int(InvestigatorDirectory.enrolmentLifetime))
            )
        )
        return Response(status: .seeOther, headers: headers)
    }

    // MARK: - Posting

    /// The posting form; with `?departement=69`, the directory's units of that department (of the investigator's
    /// force when it is known) to pick from.
    private func showPosting(_ request: Request) async throws -> Response {
        guard let enrolment = try await currentEnrolment(request) else { return expired() }
        let (token, setCookie) = csrf.token(for: request)
        let department = (request.uri.queryParameters["departement"].map(String.init) ?? "")
            .trimmingCharacters(in: .whitespaces).uppercased()
        var page = PostingPage(enrolment, csrfToken: token, department: department)
        if !department.isEmpty {
            if let name = try await places.departmentName(department) {
                let units = try await places.units(inDepartment: department, force: enrolment.force)
                page.directory = PostingPage.Directory(departmentName: "\(name) (\(department))", units: units)
            } else {
                page.departmentProblem = "Aucun département ne porte ce numéro : indiquez-le comme 69, 2A ou 971."
            }
        }
        return try pages.page("posting", page).settingCookie(setCookie)
    }

    /// The posting of a unit picked in the directory: it must exist, and be of the force the SIRET told.
    private func directoryPosting(_ code: String, enrolment: InvestigatorDirectory.Enrolment) async throws -> Posting? {
        guard let unit = try await places.unit(code: code), enrolment.force == nil || enrolment.force == unit.force
        else { return nil }
        return Posting(force: unit.force, unitCode: unit.code, unitName: unit.name)
    }

    private func declarePosting(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let fields = try await FormBody.fields(of: request)
        try csrf.verify(request, submitted: fields["csrfToken"])
        guard let enrolment = try await currentEnrolment(request),
            let token = request.cookies[enrolmentCookie]?.value
        else { return expired() }
        let typed = (force: enrolment.force ?? fields["force"], code: fields["codeUnite"], name: fields["nomUnite"])
        let parsed: Result<Posting, PostingProblems>
        if let picked = fields["unite"], !picked.isEmpty {
            guard let posting = try await directoryPosting(picked, enrolment: enrolment) else {
                throw HTTPError(.badRequest, message: "Cette unité n’est pas dans l’annuaire de votre force.")
            }
            parsed = .success(posting)
        } else {
            parsed = Posting.parse(force: typed.force, unitCode: typed.code, unitName: typed.name)
        }
        switch parsed {
        case .failure(let problems):
            let page = PostingPage(
                enrolment,
                csrfToken: fields["csrfToken"] ?? "",
                typed: (typed.force ?? "", typed.code ?? "", typed.name ?? ""),
                problems: problems.byField
            )
            return try pages.page("posting", page, status: .unprocessableContent)
        case .success(let posting):
            guard let (id, idToken) = try await directory.enrol(token: token, posting: posting, now: clock()) else {
                return expired()
            }
            context.logger.info("investigator enrolled with ProConnect", metadata: ["investigator.id": "\(id)"])
            var headers: HTTPFields = [.location: LiaisonPages.home, .cacheControl: "no-store"]
            headers.append(HTTPField(name: .setCookie, value: try await sessions.open(for: id, idToken: idToken)))
            headers.append(HTTPField(name: .setCookie, value: enrolmentCookie("", maxAge: 0)))
            return Response(status: .seeOther, headers: headers)
        }
    }

    private func currentEnrolment(_ request: Request) async throws -> InvestigatorDirectory.Enrolment? {
        guard let token = request.cookies[enrolmentCookie]?.value else { return nil }
        return try await directory.enrolment(token: token, now: clock())
    }

    private func expired() -> Response {
        Response(status: .seeOther, headers: [.location: InvestigatorGate.signInPath, .cacheControl: "no-store"])
    }

    private func enrolmentCookie(_ value: String, maxAge: Int) -> String {
        "\(enrolmentCookie)=\(value); Path=\(Self.postingPath); Max-Age=\(maxAge); HttpOnly; SameSite=Lax"
            + (secureCookies ? "; Secure" : "")
    }

    private func message(_ text: String, status: HTTPResponse.Status) throws -> Response {
        var page = MessagePage(
            title: "La connexion avec ProConnect n’a pas abouti",
            paragraphs: [text],
            links: [FormPage.Link(href: InvestigatorGate.signInPath, label: "Revenir à la connexion")]
        )
        page.site = LiaisonPages.site
        page.homePath = LiaisonPages.home
        return try pages.page("message", page, status: status)
    }
}
