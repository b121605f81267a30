import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Messaging
import ServiceKit
import WebUI

/// One claim's page for agents and the actions taken from it. Every action is checked on the server by
/// `ClaimWorkflow` (role, assignee, state); a refused action shows the page again with the reason.
struct ClaimFileController: Sendable {
    let files: ClaimFileRepository
    let workflow: ClaimWorkflow
    let directory: AgentDirectory
    let pages: PageRenderer
    let gate: AgentGate
    let csrf: CSRFProtection
    let grants: DocumentGrantSigner
    /// The documents service's origin as browsers reach it; empty behind the gateway.
    let documentsOrigin: String
    /// This portal's origin, for documents to send the browser back after an upload; empty behind the gateway.
    let portalOrigin: String
    let clock: @Sendable () -> Date
    /// How long a question's upload form stays usable.
    var uploadLifetime: TimeInterval = 30 * 60

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/agents/dossiers/:id") { request, context in
            let (agent, session) = try await gate.requireReader(request)
            let query = request.uri.queryParameters
            let done = query["fait"].flatMap { Self.confirmations[String($0)] }
            let upload = query["question"].flatMap { question in query["depot"].map { (String(question), String($0)) } }
            return try await show(try claimId(context), agent: agent, session: session, done: done, upload: upload)
        }
        router.get("/agents/dossiers/:id/pieces/:document") { request, context in
            let (agent, _) = try await gate.requireReader(request)
            let id = try claimId(context)
            guard let documentId = context.parameters.get("document", as: UUID.self),
                try await files.holds(documentId, claim: id, includingPaymentOrders: agent.handlesPayments)
            else { throw HTTPError(.notFound) }
            return try open(documentId, in: id, of: id, by: agent, context: context)
        }
        router.get("/agents/dossiers/:id/pieces-enqueteurs/:document") { request, context in
            let (agent, _) = try await gate.requireReader(request)
            let id = try claimId(context)
            guard let documentId = context.parameters.get("document", as: UUID.self),
                let declaration = try await files.declarationHolding(documentId, claim: id)
            else { throw HTTPError(.notFound) }
            return try open(documentId, in: declaration, of: id, by: agent, context: context)
        }
        router.get("/agents/dossiers/:id/questions/:query/pieces/:document") { request, context in
            let (agent, _) = try await gate.requireReader(request)
            let id = try claimId(context)
            guard let documentId = context.parameters.get("document", as: UUID.self),
                let query = try await files.queryHolding(documentId, claim: id),
                context.parameters.get("query", as: UUID.self) == query
            else { throw HTTPError(.notFound) }
            return try open(documentId, in: query, of: id, by: agent, context: context)
        }
        post(.assign, done: "attribue", to: router) { id, fields, agent, message in
            guard let assignee = fields["redacteur"].flatMap(UUID.init(uuidString:)) else {
                throw InvalidActionInput("redacteur", "Choisissez le rédacteur à qui attribuer le dossier.")
            }
            try await workflow.assign(id, to: assignee, by: agent, context: message)
        }
        post(.startInstruction, done: "instruction", to: router) { id, _, agent, message in
            try await workflow.startInstruction(id, by: agent, context: message)
        }
        post(.requestInformation, done: "complement", to: router) { id, fields, agent, message in
            let input = try InformationRequestInput.parse(
                documentTypes: fields.all("pieces"),
                message: fields["message"],
                dueOn: fields["echeance"],
                today: ParisTime.isoDay(of: clock())
            ).get()
            try await workflow.requestInformation(id, input, by: agent, context: message)
        }
        post(.askInvestigator, done: "question", to: router) { id, fields, agent, message in
            let input = try InvestigatorQueryInput.parse(
                question: fields["question"],
                dueOn: fields["echeance-question"],
                today: ParisTime.isoDay(of: clock())
            ).get()
            try await workflow.askInvestigator(id, input, by: agent, context: message)
        }
        post(.close, done: "cloture", to: router) { id, fields, agent, message in
            let input = try ClosureInput.parse(reason: fields["motif"], explanation: fields["explication"]).get()
            try await workflow.close(id, input, by: agent, context: message)
        }
        post(.addNote, done: "note", to: router) { id, fields, agent, message in
            try await workflow.addNote(id, body: fields["note"] ?? "", by: agent, context: message)
        }
        post(.draftOffer, done: "proposition", to: router) { id, fields, agent, message in
            let input = try OfferInput.parse(
                labels: (1...3).map { fields["libelle-\($0)"] },
                amounts: (1...3).map { fields["montant-\($0)"] },
                body: fields["corps"]
            ).get()
            try await workflow.draftOffer(id, input, by: agent, context: message)
        }
        post(.draftRejection, done: "rejet", to: router) { id, fields, agent, message in
            guard let reason = fields["motif-rejet"].flatMap(RejectionReason.init(rawValue:)) else {
                throw InvalidActionInput("motif-rejet", "Choisissez le motif du rejet.")
            }
            let body = fields["corps"].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            try await workflow.draftRejection(
                id,
                reason: reason,
                body: body?.isEmpty == false ? body : nil,
                by: agent,
                context: message
            )
        }
        post(.returnToInstruction, done: "renvoi", to: router) { id, fields, agent, message in
            try await workflow.returnToInstruction(
                id,
                comment: fields["commentaire"] ?? "",
                by: agent,
                context: message
            )
        }
        post(.signDecision, done: "signature", to: router) { id, fields, agent, message in
            try await workflow.signDecision(id, body: fields["corps"], by: agent, context: message)
        }
        post(.verifyAcceptance, done: "verification", to: router) { id, _, agent, message in
            try await workflow.verifyAcceptance(id, by: agent, context: message)
        }
        post(.signPaymentOrder, done: "signature-arrete", to: router) { id, _, agent, message in
            try await workflow.signPaymentOrder(id, by: agent, context: message)
        }
        post(.transmitToPayment, done: "transmission", to: router) { id, _, agent, message in
            try await workflow.transmitToPayment(id, by: agent, context: message)
        }
        post(.markPaid, done: "paiement", to: router) { id, fields, agent, message in
            try await workflow.markPaid(id, on: fields["date-paiement"] ?? "", by: agent, context: message)
        }
        router.get("/agents/dossiers/:id/virement") { request, context in
            try await paymentExport(request, context: context)
        }
        router.post("/agents/dossiers/:id/pieces/:document") { request, context in
            try await act(request, context: context, .reviewDocument, done: "examen") { id, fields, agent, message in
                guard let documentId = context.parameters.get("document", as: UUID.self) else { throw ClaimNotFound() }
                let input = try DocumentReviewInput.parse(verdict: fields["verdict"], reason: fields["raison"]).get()
                try await workflow.reviewDocument(id, document: documentId, input, by: agent, context: message)
            }
        }
    }

    /// Sends the browser to read a document of the claim — kept in the claim's folder at the documents service, or
    /// in its declaration's or one of its questions' — through a grant made now.
    private func open(
        _ document: UUID,
        in folder: UUID,
        of claim: UUID,
        by agent: Agent,
        context: ServiceRequestContext
    ) throws -> Response {
        context.logger.info(
            "agent opened a document",
            metadata: ["claim.id": "\(claim)", "document.id": "\(document)", "agent.id": "\(agent.id)"]
        )
        let url = try grants.downloadURL(
            document: document,
            claim: folder,
            principal: agent.id,
            returnPath: Self.path(claim),
            documentsOrigin: documentsOrigin,
            now: clock()
        )
        return Response(status: .seeOther, headers: [.location: url, .cacheControl: "no-store"])
    }

    /// The upload forms of the claim's questions for this agent: grants to join files in each question's folder,
    /// coming back to the claim's page.
    private func queryUploads(claim: UUID, agent: Agent, returning: (String, String)?) -> QueryUploads {
        let now = clock()
        return QueryUploads(
            action: "\(documentsOrigin)/documents/televersement",
            grant: { query in
                try? grants.token(
                    for: DocumentGrant(
                        action: .upload,
                        claimId: query,
                        principalId: agent.id,
                        documentTypes: [InvestigatorQuerySent.attachmentType],
                        returnPath: "\(portalOrigin)\(Self.path(claim))?question=\(query.uuidString.lowercased())",
                        expiresAt: now.addingTimeInterval(uploadLifetime)
                    )
                )
            },
            returning: returning.map { (query: $0.0, outcome: $0.1) }
        )
    }

    /// The machine-readable hand-off of a signed payment order, for the budget office: to the assigned rédacteur and
    /// liaison-budget agents only (who may transmit it), and only once signed.
    private func paymentExport(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (agent, _) = try await gate.requireReader(request)
        let id = try claimId(context)
        guard let facts = try await files.lifecycleFacts(id) else { throw HTTPError(.notFound) }
        guard ClaimLifecycle.mayTake(.transmitToPayment, on: facts, by: agent) else {
            throw HTTPError(.forbidden, message: "Votre rôle ne permet pas cette action.")
        }
        guard let export = try await files.paymentExport(id, opening: workflow.openBankDetails) else {
            throw HTTPError(.notFound)
        }
        context.logger.info("payment hand-off exported", metadata: ["claim.id": "\(id)", "agent.id": "\(agent.id)"])
        var response = try export.response(from: request, context: context)
        response.headers[.cacheControl] = "no-store"
        response.headers[.contentDisposition] = "attachment; filename=\"virement-\(export.reference).json\""
        return response
    }

    static func path(_ id: UUID) -> String { "\(AgentPages.home)/\(id.uuidString.lowercased())" }

    /// What the page confirms after each action (`?fait=`).
    static let confirmations = [
        "attribue": "Le dossier a été attribué.",
        "instruction": "L’instruction a commencé : le requérant en est informé.",
        "complement": "La demande de complément a été envoyée au requérant.",
        "cloture": "Le dossier a été clôturé : le requérant en est informé.",
        "note": "La note a été ajoutée.",
        "examen": "L’examen de la pièce a été enregistré.",
        "proposition": "La proposition est soumise à la signature d’un validateur.",
        "rejet": "Le rejet est soumis à la signature d’un validateur.",
        "renvoi": "La décision est renvoyée à son rédacteur.",
        "signature": "La décision est signée et envoyée au requérant.",
        "verification": "L’acceptation est vérifiée : l’arrêté de paiement est à signer.",
        "signature-arrete": "L’arrêté de paiement est signé : le dossier peut être transmis au bureau du budget.",
        "transmission": "La transmission au bureau du budget est enregistrée.",
        "paiement": "Le paiement est enregistré : le requérant en est informé.",
        "question": "La question est transmise à l’unité d’enquête ; sa réponse s’affichera ici.",
    ]

    private typealias Action = @Sendable (UUID, FormFields, Agent, MessageContext) async throws -> Void

    private func post(
        _ claimAction: ClaimAction,
        done: String,
        to router: Router<ServiceRequestContext>,
        _ action: @escaping Action
    ) {
        guard let segment = claimAction.formSegment else { return }
        router.post(RouterPath("/agents/dossiers/:id/\(segment)")) { request, context in
            try await act(request, context: context, claimAction, done: done, action)
        }
    }

    /// Runs an action for the signed-in agent, then back to the page: 303 with a confirmation, or the page again
    /// with the refusal (403 role, 409 state) or the form's problems (422).
    private func act(
        _ request: Request,
        context: ServiceRequestContext,
        _ claimAction: ClaimAction,
        done: String,
        _ action: Action
    ) async throws -> Response {
        let (agent, session) = try await gate.requireReader(request)
        let id = try claimId(context)
        let fields = try await FormFields(request)
        try csrf.verify(request, submitted: fields["csrfToken"], session: session)
        do {
            // Checked before the form is read, so an agent who may not act learns nothing from its validation; the
            // workflow checks again under the claim's lock.
            guard let facts = try await files.lifecycleFacts(id) else { throw ClaimNotFound() }
            _ = try ClaimLifecycle.outcome(of: claimAction, on: facts, by: agent).get()
            try await action(id, fields, agent, MessageContext(request: request))
        } catch is ClaimNotFound {
            throw HTTPError(.notFound)
        } catch let refusal as ClaimLifecycle.Refusal {
            let status: HTTPResponse.Status = if case .wrongState = refusal { .conflict } else { .forbidden }
            return try await show(id, agent: agent, session: session, alert: refusal.message, status: status)
        } catch let unavailable as ActionUnavailable {
            return try await show(id, agent: agent, session: session, alert: unavailable.message, status: .conflict)
        } catch let invalid as InvalidActionInput {
            return try await show(
                id,
                agent: agent,
                session: session,
                problems: invalid.problems,
                status: .unprocessableContent
            )
        }
        return Response(
            status: .seeOther,
            headers: [.location: "\(Self.path(id))?fait=\(done)", .cacheControl: "no-store"]
        )
    }

    private func show(
        _ id: UUID,
        agent: Agent,
        session: WebSessions.Session,
        problems: [String: String] = [:],
        alert: String? = nil,
        done: String? = nil,
        upload: (String, String)? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let file = try await files.file(id) else { throw HTTPError(.notFound) }
        let page = ClaimFilePage(
            file: file,
            agent: agent,
            csrfToken: session.csrfToken,
            redacteurs: try await directory.redacteurs(),
            now: clock(),
            problems: problems,
            alert: alert,
            done: done,
            queryUploads: queryUploads(claim: id, agent: agent, returning: upload)
        )
        return try pages.page("claim-file", page, status: status)
    }

    private func claimId(_ context: ServiceRequestContext) throws -> UUID {
        guard let id = context.parameters.get("id", as: UUID.self) else { throw HTTPError(.notFound) }
        return id
    }
}
