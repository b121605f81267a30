import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Messaging
import NIOFoundationCompat
import ServiceKit
import WebUI

/// Claim filing by a signed-in claimant (the form page and its post), "Mes demandes", and the JSON API used
/// by scripts and load tests.
struct ClaimController: Sendable {
    let claims: any ClaimRepository
    let pages: PageRenderer
    let csrf: CSRFProtection
    let gate: ClaimantGate

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/demandes/nouvelle") { request, _ in try await showForm(request) }
        router.post("/demandes") { request, context in try await submitForm(request, context: context) }
        router.get("/mon-espace") { request, _ in try await showMyClaims(request) }
        router.post("/api/demandes") { request, context in try await submitJSON(request, context: context) }
    }

    // MARK: - HTML

    private func showForm(_ request: Request) async throws -> Response {
        let session = try await gate.require(request)
        // Answers of the eligibility test arrive in the query string and travel on with the form.
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }) { first, _ in
            first
        }
        let form = ClaimForm(fields: query.filter { key, _ in EligibilityQuestion(rawValue: key) != nil })
        return try pages.page("claim-form", ClaimFormPage(form: form, problems: [:], csrfToken: session.csrfToken))
    }

    private func submitForm(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let session = try await gate.require(request)
        let fields = try await FormBody.fields(of: request)
        try csrf.verify(request, submitted: fields["csrfToken"], session: session)
        let form = ClaimForm(fields: fields)
        let problems = form.problems(today: Date())
        guard problems.isEmpty else {
            let page = ClaimFormPage(form: form, problems: problems, csrfToken: session.csrfToken)
            return try pages.page("claim-form", page, status: .unprocessableContent)
        }
        let claim = try await claims.submit(
            form,
            owner: session.principalId,
            idempotencyKey: nil,
            context: MessageContext(request: request)
        )
        context.logger.info("claim submitted", metadata: ["claim.id": "\(claim.id)"])
        return try pages.page(
            "claim-submitted",
            ClaimSubmittedPage(claim: claim, csrfToken: session.csrfToken),
            status: .created
        )
    }

    private func showMyClaims(_ request: Request) async throws -> Response {
        let session = try await gate.require(request)
        let mine = try await claims.claims(ownedBy: session.principalId)
        return try pages.page("my-claims", MyClaimsPage(claims: mine, csrfToken: session.csrfToken))
    }

    // MARK: - JSON

    private struct Created: ResponseEncodable {
        var id: UUID
        var reference: String
    }

    private func submitJSON(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard request.headers[.contentType]?.hasPrefix("application/json") == true else {
            throw HTTPError(.unsupportedMediaType, message: "Le corps doit être en JSON (application/json).")
        }
        var body = try await request.body.collect(upTo: 64 * 1024)
        guard let data = body.readData(length: body.readableBytes),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw HTTPError(.badRequest, message: "Le corps n’est pas un objet JSON valide.") }
        let form = ClaimForm(fields: object.compactMapValues { $0 as? String })
        let problems = form.problems(today: Date())
        guard problems.isEmpty else {
            let data = try JSONSerialization.data(withJSONObject: ["errors": problems], options: [.sortedKeys])
            return Response(
                status: .unprocessableContent,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: data))
            )
        }
        let key = request.headers[HTTPField.Name("Idempotency-Key")!].flatMap { $0.count <= 200 ? $0 : nil }
        let claim = try await claims.submit(
            form,
            owner: nil,
            idempotencyKey: key,
            context: MessageContext(request: request)
        )
        context.logger.info("claim submitted", metadata: ["claim.id": "\(claim.id)"])
        return try Created(id: claim.id, reference: claim.reference).response(from: request, context: context)
            .with(status: .created)
    }
}

extension Response {
    fileprivate func with(status: HTTPResponse.Status) -> Response {
        var copy = self
        copy.status = status
        return copy
    }
}
