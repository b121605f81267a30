import Foundation
import Hummingbird
import Logging
import Messaging
import ServiceKit
import WebUI

/// The unit answers a rédacteur's question from the declaration's page, and reads the files joined to it; the answer
/// goes to instruction. A question of another unit answers 404, like one that does not exist.
struct QueryController: Sendable {
    let queries: QueryBoard
    let declarations: DeclarationRepository
    let files: DeclarationFiles
    let pages: PageRenderer
    let csrf: CSRFProtection
    let gate: InvestigatorGate
    var clock: @Sendable () -> Date = { Date() }

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.post("/fdo/questions/:id") { request, context in try await answer(request, context: context) }
        router.get("/fdo/questions/:id/pieces/:document") { request, context in
            let (investigator, _) = try await gate.require(request)
            guard let query = context.parameters.get("id", as: UUID.self),
                let document = context.parameters.get("document", as: UUID.self),
                let declaration = try await queries.declarationOf(
                    attachment: document,
                    query: query,
                    unit: investigator.unitCode
                )
            else { throw HTTPError(.notFound) }
            context.logger.info(
                "investigator opened a question's file",
                metadata: ["query.id": "\(query)", "document.id": "\(document)"]
            )
            let url = try files.downloadURL(
                document: document,
                declaration: declaration,
                folder: query,
                investigator: investigator.id,
                now: clock()
            )
            return Response(status: .seeOther, headers: [.location: url, .cacheControl: "no-store"])
        }
    }

    private func answer(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let fields = try await FormBody.fields(of: request)
        let (investigator, session) = try await gate.require(request)
        try csrf.verify(request, submitted: fields["csrfToken"], session: session)
        guard let queryId = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw HTTPError(.notFound)
        }
        let text = (fields["reponse"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = InvestigatorQuery.problem(ofAnswer: text) {
            return try await refuse(queryId, text: text, problem: problem, investigator: investigator, session: session)
        }
        switch try await queries.answer(
            queryId,
            text: text,
            by: investigator,
            context: MessageContext(request: request)
        ) {
        case .sent(let declaration):
            context.logger.info("investigator answered", metadata: ["query.id": "\(queryId)"])
            return Response(
                status: .seeOther,
                headers: [.location: LiaisonPages.declarationPath(declaration), .cacheControl: "no-store"]
            )
        case .unavailable:
            throw HTTPError(.notFound, message: "Cette question n’attend plus de réponse de votre unité.")
        }
    }

    /// The declaration's page again, the typed answer kept next to its problem.
    private func refuse(
        _ queryId: UUID,
        text: String,
        problem: String,
        investigator: Investigator,
        session: WebSessions.Session
    ) async throws -> Response {
        let unit = investigator.unitCode
        let waiting = try await queries.waiting(unit: unit)
        guard let query = waiting.first(where: { $0.id == queryId }),
            let declaration = try await declarations.declaration(query.declarationId, unit: unit)
        else { throw HTTPError(.notFound, message: "Cette question n’attend plus de réponse de votre unité.") }
        let page = DeclarationPage(
            declaration,
            queries: try await queries.queries(declaration: declaration.id, unit: unit),
            today: clock(),
            csrfToken: session.csrfToken,
            refused: .init(queryId: queryId, text: text, problem: problem)
        )
        return try pages.page("declaration", page, status: .unprocessableContent)
    }
}
