import Foundation
import Hummingbird
import Logging
import Messaging
import ServiceKit
import WebUI

/// The claim form as a draft owned by a signed-in claimant: started from the eligibility answers, saved step by
/// step (even with errors, so nothing typed is lost), reviewed, then submitted after a completeness check on the
/// server. Another account's draft answers 404, like one that does not exist.
struct ClaimDraftController: Sendable {
    let claims: any ClaimRepository
    let pages: PageRenderer
    let csrf: CSRFProtection
    let gate: ClaimantGate
    let uploads: DocumentTransfers
    let addresses: ClaimAddressCheck
    /// The e-mail address of an account, where the claim's e-mails go.
    let accountEmail: @Sendable (UUID) async throws -> String?
    var clock: @Sendable () -> Date = { Date() }

    static let reviewStep = "recapitulatif"

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/demandes/nouvelle") { request, _ in try await showStart(request) }
        router.post("/demandes") { request, context in try await startDraft(request, context: context) }
        router.get("/demandes/:id/:step") { request, context in try await showStep(request, context: context) }
        router.post("/demandes/:id/depot") { request, context in try await submit(request, context: context) }
        router.post("/demandes/:id/:step") { request, context in try await saveStep(request, context: context) }
        router.post("/demandes/:id/retrait/:document") { request, context in
            try await withdraw(request, context: context)
        }
    }

    // MARK: - Start

    private func showStart(_ request: Request) async throws -> Response {
        let session = try await gate.require(request)
        // The eligibility answers arrive in the query string and travel on to the draft.
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }) { first, _ in
            first
        }
        let hasDraft = try await claims.claims(ownedBy: session.principalId).contains { $0.status == ClaimState.draft }
        let page = ClaimStartPage(
            eligibility: EligibilityAnswers(query: query),
            hasDraft: hasDraft,
            csrfToken: session.csrfToken
        )
        return try pages.page("claim-start", page)
    }

    private func startDraft(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (session, fields) = try await verifiedPost(request)
        var form = ClaimForm(fields: fields.filter { key, _ in EligibilityQuestion(rawValue: key) != nil })
        form[.email] = try await accountEmail(session.principalId) ?? ""
        if let relation = form.eligibility.relation {
            form[.capacity] = ClaimantCapacity(relation).rawValue
            if relation == .socialLandlord {
                form[.claimantKind] = ClaimantKind.legalEntity.rawValue
                form[.entityType] = LegalEntityType.socialLandlord.rawValue
            }
        }
        let id = try await claims.startDraft(form, owner: session.principalId)
        context.logger.info("claim draft opened", metadata: ["claim.id": "\(id)"])
        return try await redirectToResume(id, owner: session.principalId)
    }

    // MARK: - Steps

    private func showStep(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let session = try await gate.require(request)
        let (claim, step) = try await draftAndStep(request, context: context, owner: session.principalId)
        guard claim.isDraft else { return redirect(to: Self.claimPath(claim.id)) }
        switch step {
        case nil: return try await reviewPage(claim, session: session)
        case .documents?: return try await documentsPage(claim, request: request, session: session)
        case let step?:
            let page = ClaimStepPage(
                claimId: claim.id,
                step: step,
                form: Self.prefilled(claim.form, for: step),
                problems: [:],
                csrfToken: session.csrfToken
            )
            return try pages.page("wizard-step", page)
        }
    }

    /// Every answer, what is missing per step (documents included), and the submit button.
    private func reviewPage(
        _ claim: StoredClaim,
        session: WebSessions.Session,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let documents = try await claims.documents(of: claim.id, owner: session.principalId)
        let addressProblems = try await addresses.problemsByStep(claim.form)
        let page = ClaimReviewPage(
            claimId: claim.id,
            form: claim.form,
            problems: claim.form.problemsByStep(today: clock()).merging(addressProblems) { form, address in
                form.merging(address) { _, address in address }
            },
            documents: documents,
            missingDocuments: documents.missing(from: claim.form.requiredDocuments),
            csrfToken: session.csrfToken
        )
        return try pages.page("claim-review", page, status: status)
    }

    /// The checklist with what was sent and an upload form per type, under a fresh grant.
    private func documentsPage(_ claim: StoredClaim, request: Request, session: WebSessions.Session) async throws
        -> Response
    {
        let types = claim.form.requiredDocuments + claim.form.optionalDocuments
        let page = ClaimDocumentsPage(
            claimId: claim.id,
            form: claim.form,
            documents: try await claims.documents(of: claim.id, owner: session.principalId),
            uploads: uploads,
            grant: try uploads.token(claim: claim.id, owner: session.principalId, types: types, now: clock()),
            outcome: request.uri.queryParameters.get("depot"),
            csrfToken: session.csrfToken
        )
        return try pages.page("claim-documents", page)
    }

    private func saveStep(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (session, fields) = try await verifiedPost(request)
        let (claim, step) = try await draftAndStep(request, context: context, owner: session.principalId)
        guard let step else { throw HTTPError(.notFound) }
        var form = claim.form
        form.update(step, from: fields)
        let addressProblems = try await addresses.check(&form, fields: step.fields(for: form.kind))
        guard try await claims.saveDraft(claim.id, owner: session.principalId, form: form) else {
            return try alreadySubmitted(claim.id)
        }
        if fields["suite"] == "plus-tard" { return redirect(to: "/mon-espace") }
        // The reference's word on a postal code or a commune is more precise than "missing".
        let problems = form.problems(in: step, today: clock()).merging(addressProblems) { _, address in address }
        guard problems.isEmpty else {
            let page = ClaimStepPage(
                claimId: claim.id,
                step: step,
                form: form,
                problems: problems,
                csrfToken: session.csrfToken
            )
            return try pages.page("wizard-step", page, status: .unprocessableContent)
        }
        return redirect(to: Self.stepPath(claim.id, step.next?.rawValue ?? Self.reviewStep))
    }

    // MARK: - Submission

    private func submit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (session, _) = try await verifiedPost(request)
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw HTTPError(.notFound) }
        if let claim = try await claims.claim(id, owner: session.principalId), claim.isDraft,
            try await !addresses.problemsByStep(claim.form).isEmpty
        {
            return try await reviewPage(claim, session: session, status: .unprocessableContent)
        }
        let outcome = try await claims.submitDraft(
            id,
            owner: session.principalId,
            today: clock(),
            context: MessageContext(request: request)
        )
        switch outcome {
        case .submitted(let claim):
            context.logger.info("claim submitted", metadata: ["claim.id": "\(claim.id)"])
            return redirect(to: Self.claimPath(id))
        case .incomplete:
            guard let claim = try await claims.claim(id, owner: session.principalId) else { throw HTTPError(.notFound) }
            return try await reviewPage(claim, session: session, status: .unprocessableContent)
        case .unavailable:
            guard try await claims.claim(id, owner: session.principalId) != nil else { throw HTTPError(.notFound) }
            return try alreadySubmitted(id)
        }
    }

    // MARK: - Documents

    /// Withdraws one of the claimant's own uploads while the claim is a draft.
    private func withdraw(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (session, _) = try await verifiedPost(request)
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let document = context.parameters.get("document").flatMap(UUID.init(uuidString:)),
            let claim = try await claims.claim(id, owner: session.principalId)
        else { throw HTTPError(.notFound) }
        guard claim.isDraft else { return try alreadySubmitted(id) }
        let withdrawn = try await claims.withdrawDocument(
            document,
            claim: id,
            owner: session.principalId,
            context: MessageContext(request: request)
        )
        guard withdrawn else { throw HTTPError(.notFound) }
        context.logger.info("document withdrawn", metadata: ["claim.id": "\(id)", "document.id": "\(document)"])
        return redirect(to: Self.stepPath(id, ClaimStep.documents.rawValue))
    }

    // MARK: - Helpers

    /// The signed-in claimant and the fields of the form they posted, checked against their session's CSRF token.
    private func verifiedPost(_ request: Request) async throws -> (WebSessions.Session, [String: String]) {
        let session = try await gate.require(request)
        let fields = try await FormBody.fields(of: request)
        try csrf.verify(request, submitted: fields["csrfToken"], session: session)
        return (session, fields)
    }

    /// The owner's claim named in the path and the step asked for (nil for the review page); 404 for anything else.
    private func draftAndStep(_ request: Request, context: ServiceRequestContext, owner: UUID) async throws
        -> (StoredClaim, ClaimStep?)
    {
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let stepName = context.parameters.get("step"),
            let claim = try await claims.claim(id, owner: owner)
        else { throw HTTPError(.notFound) }
        if stepName == Self.reviewStep { return (claim, nil) }
        guard let step = ClaimStep(rawValue: stepName) else { throw HTTPError(.notFound) }
        return (claim, step)
    }

    private func redirectToResume(_ id: UUID, owner: UUID) async throws -> Response {
        guard let claim = try await claims.claim(id, owner: owner) else { throw HTTPError(.notFound) }
        return redirect(
            to: Self.stepPath(id, try await Self.resumeStep(claim, owner: owner, claims: claims, today: clock()))
        )
    }

    /// Where a draft resumes: its first step with a problem, the documents while some are missing, else the review.
    static func resumeStep(_ claim: StoredClaim, owner: UUID, claims: any ClaimRepository, today: Date) async throws
        -> String
    {
        if let step = claim.form.firstIncompleteStep(today: today) { return step.rawValue }
        let documents = try await claims.documents(of: claim.id, owner: owner)
        return documents.missing(from: claim.form.requiredDocuments).isEmpty ? reviewStep : ClaimStep.documents.rawValue
    }

    private func alreadySubmitted(_ id: UUID) throws -> Response {
        let page = MessagePage(
            title: "Demande déjà déposée",
            paragraphs: ["Cette demande a déjà été déposée : elle ne peut plus être modifiée depuis ce formulaire."],
            links: [FormPage.Link(href: Self.claimPath(id), label: "Voir la demande")]
        )
        return try pages.page("message", page, status: .conflict)
    }

    /// The dwelling is most often where the claimant lives: its address starts as theirs until they type one.
    private static func prefilled(_ form: ClaimForm, for step: ClaimStep) -> ClaimForm {
        guard step == .dwelling, form.kind != .legalEntity, form[.streetAddress].isEmpty, form[.postalCode].isEmpty,
            form[.commune].isEmpty
        else { return form }
        var prefilled = form
        prefilled[.streetAddress] = form[.residenceStreetAddress]
        prefilled[.postalCode] = form[.residencePostalCode]
        prefilled[.commune] = form[.residenceCommune]
        return prefilled
    }

    static func claimPath(_ id: UUID) -> String { "/demandes/\(id.uuidString.lowercased())" }

    static func stepPath(_ id: UUID, _ step: String) -> String { "\(claimPath(id))/\(step)" }

    private func redirect(to path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path, .cacheControl: "no-store"])
    }
}
