import Foundation
import Hummingbird
import ServiceKit
import WebUI

/// The statistics page, for every agent who may read claims.
struct StatisticsController: Sendable {
    let statistics: StatisticsRepository
    let pages: PageRenderer
    let gate: AgentGate

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/agents/statistiques") { request, _ in
            let (_, session) = try await gate.requireReader(request)
            let page = StatisticsPage(
                try await statistics.statistics(),
                csrfToken: session.csrfToken,
                computedAt: statistics.clock()
            )
            return try pages.page("statistics", page)
        }
    }
}
