import Contracts
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Messaging
import NIOFoundationCompat
import ServiceKit
import WebUI

/// A claimant's claims ("Mes demandes" and each claim's page) and the JSON API used by scripts and load tests.
struct ClaimController: Sendable {
    let claims: any ClaimRepository
    let pages: PageRenderer
    let gate: ClaimantGate
    let transfers: DocumentTransfers
    let csrf: CSRFProtection
    /// What `POST /api/demandes` requires as `Authorization: Bearer …`; empty closes the API.
    let apiToken: String
    let addresses: ClaimAddressCheck
    var clock: @Sendable () -> Date = { Date() }

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/mon-espace") { request, _ in try await showMyClaims(request) }
        router.get("/demandes/:id") { request, context in try await showClaim(request, context: context) }
        router.post("/demandes/:id/proposition/acceptation") { request, context in
            try await answerOffer(request, context: context, accepting: true)
        }
        router.post("/demandes/:id/proposition/refus") { request, context in
            try await answerOffer(request, context: context, accepting: false)
        }
        router.post("/demandes/:id/complements/:request") { request, context in
            try await answer(request, context: context)
        }
        router.get("/demandes/:id/fichiers/:document") { request, context in
            try await download(request, context: context)
        }
        router.post("/api/demandes") { request, context in try await submitJSON(request, context: context) }
    }

    // MARK: - HTML

    private func showMyClaims(_ request: Request) async throws -> Response {
        let session = try await gate.require(request)
        let mine = try await claims.claims(ownedBy: session.principalId)
        return try pages.page("my-claims", MyClaimsPage(claims: mine, csrfToken: session.csrfToken))
    }

    /// The claim's page; a draft resumes at its first incomplete step. Someone else's claim is not found.
    private func showClaim(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let session = try await gate.require(request)
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let claim = try await claims.claim(id, owner: session.principalId)
        else { throw HTTPError(.notFound) }
        guard !claim.isDraft else {
            let step = try await ClaimDraftController.resumeStep(
                claim,
                owner: session.principalId,
                claims: claims,
                today: clock()
            )
            return Response(
                status: .seeOther,
                headers: [.location: ClaimDraftController.stepPath(id, step), .cacheControl: "no-store"]
            )
        }
        let requests = try await claims.informationRequests(of: id, owner: session.principalId)
        let requestedTypes = Set(requests.filter { $0.answeredAt == nil }.flatMap(\.documentTypes))
        let grant = try transfers.token(
            claim: id,
            owner: session.principalId,
            types: requestedTypes.sorted().compactMap(DocumentType.init(rawValue:)),
            now: clock(),
            returnPath: ClaimDraftController.claimPath(id)
        )
        let outcome = request.uri.queryParameters["depot"].map(String.init)
        let page = ClaimPage(
            claim: claim,
            timeline: try await claims.timeline(of: id, owner: session.principalId),
            documents: try await claims.documents(of: id, owner: session.principalId),
            requests: requests,
            decision: try await claims.decision(of: id, owner: session.principalId),
            uploads: (transfers.uploadAction, grant),
            notice: UploadNotice.notice(for: outcome) ?? Self.answerNotices[outcome ?? ""],
            csrfToken: session.csrfToken
        )
        return try pages.page("claim", page)
    }

    /// Accepts (with the consent box ticked) or refuses (with a reason, and maybe a counter-proposal) the claim's
    /// pending offer: 303 back to the claim; 422 naming what is missing; 404 when no offer of theirs waits.
    private func answerOffer(_ request: Request, context: ServiceRequestContext, accepting: Bool) async throws
        -> Response
    {
        let session = try await gate.require(request)
        let fields = try await FormBody.fields(of: request)
        try csrf.verify(request, submitted: fields["csrfToken"], session: session)
        // Ownership and a pending offer first: someone else's claim is not found, whatever the form holds.
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)),
            try await claims.decision(of: id, owner: session.principalId)?.awaitsAnswer == true
        else { throw HTTPError(.notFound) }
        let answer: OfferAnswer
        if accepting {
            guard fields["consentement"] == "oui" else {
                throw HTTPError(
                    .unprocessableContent,
                    message: "Cochez la case d’acceptation pour accepter la proposition."
                )
            }
            answer = .accept
        } else {
            let reason = (fields["raison"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty, reason.count <= 2000 else {
                throw HTTPError(
                    .unprocessableContent,
                    message: "Indiquez pourquoi vous refusez la proposition (2 000 caractères au plus)."
                )
            }
            let counter = (fields["contreProposition"] ?? "").trimmingCharacters(in: .whitespaces)
            var cents: Int?
            if !counter.isEmpty {
                guard let amount = EuroAmount.cents(counter), amount > 0 else {
                    throw HTTPError(
                        .unprocessableContent,
                        message: "Montant souhaité : indiquez un montant en euros, par exemple 1 500."
                    )
                }
                cents = amount
            }
            answer = .refuse(reason: reason, counterProposalCents: cents)
        }
        guard
            try await claims.answerOffer(
                id,
                owner: session.principalId,
                answer,
                context: MessageContext(request: request)
            )
        else {
            throw HTTPError(.notFound)
        }
        context.logger.info("offer answered", metadata: ["claim.id": "\(id)", "accepted": "\(accepting)"])
        return Self.backToClaim(id, accepting ? "acceptation" : "refus")
    }

    /// What the claim's page says after an answer (`?depot=`).
    static let answerNotices: [String: (isError: Bool, text: String)] = [
        "reponse": (false, "Votre réponse a été envoyée au bureau : l’agent qui examine votre demande en est prévenu."),
        "reponse-vide": (true, "Envoyez au moins un fichier ou un message avant de répondre."),
        "acceptation": (false, "Votre acceptation est enregistrée : le paiement va être préparé."),
        "refus": (false, "Votre refus est enregistré : un agent va réexaminer votre demande."),
    ]

    /// Sends the claimant's answer to an open request: 303 back to the claim with the outcome, or 422 naming the
    /// documents still to send.
    private func answer(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let session = try await gate.require(request)
        let fields = try await FormBody.fields(of: request)
        try csrf.verify(request, submitted: fields["csrfToken"], session: session)
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let requestId = context.parameters.get("request").flatMap(UUID.init(uuidString:))
        else { throw HTTPError(.notFound) }
        let outcome = try await claims.answer(
            requestId,
            claim: id,
            owner: session.principalId,
            message: fields["message"].map { String($0.prefix(2000)) },
            context: MessageContext(request: request)
        )
        switch outcome {
        case .answered:
            context.logger.info("information request answered", metadata: ["claim.id": "\(id)"])
            return Self.backToClaim(id, "reponse")
        case .empty: return Self.backToClaim(id, "reponse-vide")
        case .missing(let types):
            throw HTTPError(
                .unprocessableContent,
                message: "Il manque encore : \(types.map(DocumentTypeNames.label(of:)).joined(separator: " ; ")). "
                    + "Envoyez ces pièces, puis votre réponse."
            )
        case .unavailable: throw HTTPError(.notFound)
        }
    }

    private static func backToClaim(_ id: UUID, _ outcome: String) -> Response {
        Response(
            status: .seeOther,
            headers: [.location: "\(ClaimDraftController.claimPath(id))?depot=\(outcome)", .cacheControl: "no-store"]
        )
    }

    /// Sends the browser to the documents service with a one-minute grant, once the claim and the document are
    /// checked to be the claimant's and readable; anything else is not found.
    private func download(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let session = try await gate.require(request)
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let documentId = context.parameters.get("document").flatMap(UUID.init(uuidString:)),
            try await claims.documents(of: id, owner: session.principalId).contains(where: {
                $0.id == documentId && $0.isDownloadable
            })
        else { throw HTTPError(.notFound) }
        let url = try transfers.downloadURL(document: documentId, claim: id, owner: session.principalId, now: clock())
        return Response(status: .seeOther, headers: [.location: url, .cacheControl: "no-store"])
    }

    /// Compares digests, so that the time taken says nothing about how much of the token was right.
    private func isAuthorised(_ request: Request) -> Bool {
        guard !apiToken.isEmpty, let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            return false
        }
        return SHA256.hash(data: Data(header.dropFirst("Bearer ".count).utf8)) == SHA256.hash(data: Data(apiToken.utf8))
    }

    static func downloadPath(claim: UUID, document: UUID) -> String {
        "\(ClaimDraftController.claimPath(claim))/fichiers/\(document.uuidString.lowercased())"
    }

    // MARK: - JSON

    private struct Created: ResponseEncodable {
        var id: UUID
        var reference: String
    }

    private func submitJSON(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard isAuthorised(request) else {
            context.logger.notice("JSON submission refused: no valid API token")
            return Response(
                status: .unauthorized,
                headers: [.contentType: "application/json", .wwwAuthenticate: "Bearer"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"error":"Jeton d’accès à l’API absent ou invalide."}"#))
            )
        }
        guard request.headers[.contentType]?.hasPrefix("application/json") == true else {
            throw HTTPError(.unsupportedMediaType, message: "Le corps doit être en JSON (application/json).")
        }
        var body = try await request.body.collect(upTo: 64 * 1024)
        guard let data = body.readData(length: body.readableBytes),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw HTTPError(.badRequest, message: "Le corps n’est pas un objet JSON valide.") }
        var form = ClaimForm(fields: object.compactMapValues { $0 as? String })
        let addressProblems = try await addresses.check(&form)
        let problems = form.problems(today: Date()).merging(
            addressProblems.map { ($0.key.rawValue, $0.value) }
        ) { _, address in address }
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
