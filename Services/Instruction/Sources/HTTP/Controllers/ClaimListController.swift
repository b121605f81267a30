import Foundation
import Hummingbird
import ServiceKit
import WebUI

/// The agents' dashboard and claim list (page for agents, JSON for tools); every route requires an agent who may
/// read claims.
struct ClaimListController: Sendable {
    let queue: ClaimQueue
    let directory: AgentDirectory
    let pages: PageRenderer
    let gate: AgentGate
    let csrf: CSRFProtection
    let apiAuthenticator: BasicAuthenticator

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/agents") { _, _ in Response(status: .seeOther, headers: [.location: AgentPages.home]) }
        router.get("/agents/dossiers") { request, _ in
            let (agent, session) = try await gate.requireReader(request)
            let query = Self.query(of: request)
            let search = try ClaimSearch(query: query, agentId: agent.id)
            async let counts = queue.counts(for: agent.id)
            async let redacteurs = directory.redacteurs()
            async let result = queue.search(search)
            async let digest = directory.wantsDailyDigest(agent.id)
            let page = ClaimListPage(
                agent: agent,
                csrfToken: session.csrfToken,
                search: search,
                query: query,
                counts: try await counts,
                redacteurs: try await redacteurs,
                result: try await result,
                dailyDigest: try await digest
            )
            return try pages.page("claim-list", page)
        }
        router.post("/agents/preferences") { request, _ in
            let (agent, session) = try await gate.requireReader(request)
            let fields = try await FormFields(request)
            try csrf.verify(request, submitted: fields["csrfToken"], session: session)
            try await directory.setDailyDigest(agent.id, fields["recapitulatif"] == "oui")
            return Response(
                status: .seeOther,
                headers: [.location: "\(AgentPages.home)?fait=preferences#preferences", .cacheControl: "no-store"]
            )
        }
        router.get("/agents/api/dossiers") { request, context in
            let member = try await apiAuthenticator.authenticate(request)
            guard !AgentRole.claimReaders.isDisjoint(with: member.roles.compactMap(AgentRole.init(rawValue:))) else {
                throw HTTPError(.forbidden, message: "Votre rôle ne donne pas accès aux dossiers.")
            }
            let search = try ClaimSearch(query: Self.query(of: request), agentId: member.id)
            let result = try await queue.search(search)
            var response = try ClaimList(claims: result.claims, total: result.total).response(
                from: request,
                context: context
            )
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    static func query(of request: Request) -> [String: String] {
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        return query
    }

    private struct ClaimList: ResponseEncodable {
        var claims: [ClaimSummary]
        var total: Int
    }
}
