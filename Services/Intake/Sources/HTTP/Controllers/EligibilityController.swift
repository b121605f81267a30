import Hummingbird
import ServiceKit
import WebUI

/// The door-break eligibility test: one question at a time over plain GET forms (works without JavaScript,
/// changes nothing on the server, so it needs no CSRF token), then the outcome and the documents to gather.
struct EligibilityController: Sendable {
    let pages: PageRenderer

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/") { _, _ in try pages.page("home", HomePage()) }
        router.get("/eligibilite") { request, _ in
            let query = Dictionary(
                request.uri.queryParameters.map { (String($0.key), String($0.value)) },
                uniquingKeysWith: { first, _ in first }
            )
            return try pages.page(
                "eligibility",
                EligibilityPage(answers: EligibilityAnswers(query: query), query: query)
            )
        }
    }
}

/// The home page: which case the visitor is in and where to start.
struct HomePage {
    let title = "Accueil"
    let site = "Mon Indemnisation Justice"
    let homePath = "/"
}
