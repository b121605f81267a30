import Foundation
import Hummingbird
import Logging
import Messaging
import ReferenceData
import ServiceKit
import WebUI

/// The unit's declarations: the list, the wizard (saved at every step, even with errors, so nothing typed is lost),
/// the recap, submission after a check of every answer on the server, and deletion of drafts. A declaration of
/// another unit answers 404, like one that does not exist.
struct DeclarationController: Sendable {
    let declarations: DeclarationRepository
    let list: DeclarationList
    let queries: QueryBoard
    let files: DeclarationFiles
    /// The postal codes the dwelling's commune is checked against.
    let places: Places
    let pages: PageRenderer
    let csrf: CSRFProtection
    let gate: InvestigatorGate
    var clock: @Sendable () -> Date = { Date() }

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/fdo") { request, _ in try await showList(request) }
        router.get("/fdo/serrurier") { request, _ in
            let (_, session) = try await gate.require(request)
            return try pages.page("locksmith", LocksmithPage(account: LiaisonPages.nav(csrfToken: session.csrfToken)))
        }
        router.post("/fdo/declarations") { request, context in try await start(request, context: context) }
        router.get("/fdo/declarations/:id") { request, context in try await showRecap(request, context: context) }
        router.post("/fdo/declarations/:id/transmission") { request, context in
            try await submit(request, context: context)
        }
        router.post("/fdo/declarations/:id/suppression") { request, context in
            try await delete(request, context: context)
        }
        router.post("/fdo/declarations/:id/coordonnees") { request, context in
            try await updateContact(request, context: context)
        }
        router.get("/fdo/declarations/:id/:step") { request, context in try await showStep(request, context: context) }
        router.post("/fdo/declarations/:id/:step") { request, context in try await saveStep(request, context: context) }
    }

    private func showList(_ request: Request) async throws -> Response {
        let (investigator, session) = try await gate.require(request)
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }) { first, _ in
            first
        }
        let filter = DeclarationList.Filter(query: query)
        let lines = try await list.lines(unit: investigator.unitCode, filter: filter)
        let page = DeclarationListPage(
            lines,
            filter: filter,
            waiting: try await queries.waiting(unit: investigator.unitCode),
            investigator: investigator,
            today: ParisTime.isoDay(of: clock()),
            csrfToken: session.csrfToken
        )
        return try pages.page("declarations", page)
    }

    private func start(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (investigator, _) = try await verifiedPost(request)
        let id = try await declarations.startDraft(by: investigator)
        context.logger.info("declaration draft opened", metadata: ["declaration.id": "\(id)"])
        return redirect(to: LiaisonPages.stepPath(id, .facts))
    }

    // MARK: - Wizard

    private func showStep(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (investigator, session) = try await gate.require(request)
        let (declaration, step) = try await declarationAndStep(context, unit: investigator.unitCode)
        guard declaration.state == .draft else { return redirect(to: LiaisonPages.declarationPath(declaration.id)) }
        let page = DeclarationStepPage(
            declarationId: declaration.id,
            step: step,
            form: declaration.form,
            problems: [:],
            csrfToken: session.csrfToken
        )
        return try pages.page("wizard-step", page)
    }

    private func saveStep(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (investigator, fields) = try await verifiedPost(request)
        let (declaration, step) = try await declarationAndStep(context, unit: investigator.unitCode)
        var form = declaration.form
        form.update(step, from: fields)
        let addressProblems = try await checkAddress(&form, in: step)
        guard try await declarations.saveDraft(declaration.id, unit: investigator.unitCode, form: form) else {
            return redirect(to: LiaisonPages.declarationPath(declaration.id))
        }
        if fields["suite"] == "plus-tard" { return redirect(to: LiaisonPages.home) }
        let problems = form.problems(in: step, today: clock()).merging(addressProblems) { _, address in address }
        guard problems.isEmpty else {
            let page = DeclarationStepPage(
                declarationId: declaration.id,
                step: step,
                form: form,
                problems: problems,
                csrfToken: fields["csrfToken"] ?? ""
            )
            return try pages.page("wizard-step", page, status: .unprocessableContent)
        }
        return redirect(
            to: step.next.map { LiaisonPages.stepPath(declaration.id, $0) }
                ?? LiaisonPages.declarationPath(declaration.id)
        )
    }

    // MARK: - Recap, submission, deletion

    private func showRecap(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (investigator, session) = try await gate.require(request)
        let declaration = try await declaration(context, unit: investigator.unitCode)
        var page = DeclarationPage(
            declaration,
            queries: try await queries.queries(declaration: declaration.id, unit: investigator.unitCode),
            today: clock(),
            csrfToken: session.csrfToken,
            invited: request.uri.queryParameters["invitation"] == "envoyee"
        )
        page.attachments = DeclarationPage.Attachments(
            try await declarations.attachments(of: declaration.id, unit: investigator.unitCode),
            declaration: declaration,
            upload: (
                files.uploadAction,
                try files.uploadGrant(declaration: declaration.id, investigator: investigator.id, now: clock())
            ),
            outcome: request.uri.queryParameters["depot"].map(String.init)
        )
        return try pages.page("declaration", page)
    }

    private func submit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (investigator, fields) = try await verifiedPost(request)
        let declaration = try await declaration(context, unit: investigator.unitCode)
        var form = declaration.form
        func refused(_ alert: String) throws -> Response {
            let page = DeclarationPage(declaration, today: clock(), csrfToken: fields["csrfToken"] ?? "", alert: alert)
            return try pages.page("declaration", page, status: .unprocessableContent)
        }
        if let problem = try await checkAddress(&form, in: .facts).values.first {
            return try refused("L’adresse du logement est à vérifier : \(problem)")
        }
        let outcome = try await declarations.submit(
            declaration.id,
            by: investigator,
            today: clock(),
            context: MessageContext(request: request)
        )
        switch outcome {
        case .submitted:
            context.logger.info("declaration submitted", metadata: ["declaration.id": "\(declaration.id)"])
            return redirect(to: LiaisonPages.declarationPath(declaration.id))
        case .incomplete:
            return try refused(
                "La déclaration est incomplète : complétez les étapes signalées avant de la transmettre."
            )
        case .unavailable:
            return redirect(to: LiaisonPages.declarationPath(declaration.id))
        }
    }

    /// The dwelling's postal code and commune against La Poste's: the commune as the reference writes it, or the
    /// problem next to its field.
    private func checkAddress(_ form: inout DeclarationForm, in step: DeclarationStep) async throws
        -> [DeclarationField: String]
    {
        guard step.fields(knowingOccupant: true).contains(.postalCode) else { return [:] }
        let verdict = try await places.verify(postalCode: form[.postalCode], commune: form[.commune])
        if let commune = verdict.commune { form[.commune] = commune }
        guard let problem = verdict.problem else { return [:] }
        return [problem.field == .postalCode ? .postalCode : .commune: problem.message]
    }

    private func delete(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (investigator, _) = try await verifiedPost(request)
        let declaration = try await declaration(context, unit: investigator.unitCode)
        let deleted = try await declarations.deleteDraft(
            declaration.id,
            unit: investigator.unitCode,
            context: MessageContext(request: request)
        )
        guard deleted else {
            throw HTTPError(.conflict, message: "Une déclaration transmise ne peut pas être supprimée.")
        }
        context.logger.info("declaration draft deleted", metadata: ["declaration.id": "\(declaration.id)"])
        return redirect(to: LiaisonPages.home)
    }

    private func updateContact(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (investigator, fields) = try await verifiedPost(request)
        let declaration = try await declaration(context, unit: investigator.unitCode)
        let outcome = try await declarations.updateContact(
            declaration.id,
            by: investigator,
            from: fields,
            today: clock(),
            context: MessageContext(request: request)
        )
        switch outcome {
        case .invited:
            context.logger.info("occupant invited again", metadata: ["declaration.id": "\(declaration.id)"])
            return redirect(to: "\(LiaisonPages.declarationPath(declaration.id))?invitation=envoyee")
        case .invalid(let typed, let problems):
            let page = DeclarationPage(
                declaration,
                queries: try await queries.queries(declaration: declaration.id, unit: investigator.unitCode),
                today: clock(),
                csrfToken: fields["csrfToken"] ?? "",
                contactForm: typed,
                contactProblems: problems
            )
            return try pages.page("declaration", page, status: .unprocessableContent)
        case .unavailable:
            throw HTTPError(.conflict, message: "L’occupant a déjà rattaché cette déclaration à sa demande.")
        }
    }

    // MARK: - Helpers

    /// The signed-in investigator and the posted fields, once the session's CSRF token is checked.
    private func verifiedPost(_ request: Request) async throws -> (Investigator, [String: String]) {
        let fields = try await FormBody.fields(of: request)
        let (investigator, session) = try await gate.require(request)
        try csrf.verify(request, submitted: fields["csrfToken"], session: session)
        return (investigator, fields)
    }

    private func declaration(_ context: ServiceRequestContext, unit: String) async throws -> Declaration {
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let declaration = try await declarations.declaration(id, unit: unit)
        else {
            throw HTTPError(.notFound, message: "Cette déclaration n’existe pas ou n’est pas celle de votre unité.")
        }
        return declaration
    }

    private func declarationAndStep(_ context: ServiceRequestContext, unit: String) async throws
        -> (Declaration, DeclarationStep)
    {
        guard let step = context.parameters.get("step").flatMap(DeclarationStep.init(rawValue:)) else {
            throw HTTPError(.notFound)
        }
        return (try await declaration(context, unit: unit), step)
    }

    private func redirect(to path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path, .cacheControl: "no-store"])
    }
}
