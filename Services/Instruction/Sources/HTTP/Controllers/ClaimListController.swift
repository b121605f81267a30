import Foundation
import Hummingbird
import ServiceKit
import WebUI

/// The agents' claim list, as a page and as JSON; every route requires an authenticated agent.
struct ClaimListController: Sendable {
    let queue: ClaimQueue
    let pages: PageRenderer
    let authenticator: BasicAuthenticator

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/agents") { _, _ in Response(status: .seeOther, headers: [.location: "/agents/dossiers"]) }
        router.get("/agents/dossiers") { request, _ in
            let agent = try await authenticator.authenticate(request)
            let filter = try Filter(request)
            let claims = try await queue.list(state: filter.state, limit: 50, offset: filter.offset)
            return try pages.page("claim-list", ClaimListPage(agent: agent, claims: claims, filter: filter))
        }
        router.get("/agents/api/dossiers") { request, context in
            _ = try await authenticator.authenticate(request)
            let filter = try Filter(request)
            let claims = try await queue.list(state: filter.state, limit: filter.limit, offset: filter.offset)
            var response = try ClaimList(claims: claims).response(from: request, context: context)
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    /// Query parameters of a list, validated.
    struct Filter {
        var state: ClaimState?
        var limit: Int
        var offset: Int

        init(_ request: Request) throws {
            let query = request.uri.queryParameters
            if let raw = query["etat"].map(String.init), !raw.isEmpty {
                guard let state = ClaimState(rawValue: raw) else {
                    throw HTTPError(.badRequest, message: "État inconnu : \(raw).")
                }
                self.state = state
            }
            limit = query["limite"].flatMap { Int(String($0)) } ?? 50
            offset = query["decalage"].flatMap { Int(String($0)) } ?? 0
        }
    }

    private struct ClaimList: ResponseEncodable {
        var claims: [ClaimSummary]
    }
}
