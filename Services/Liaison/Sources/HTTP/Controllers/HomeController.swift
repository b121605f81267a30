import Hummingbird
import ServiceKit
import WebUI

/// The investigators' portal home, for an authenticated investigator.
struct HomeController: Sendable {
    let pages: PageRenderer
    let authenticator: BasicAuthenticator

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/fdo") { request, _ in
            let investigator = try await authenticator.authenticate(request)
            return try pages.page("home", HomePage(name: investigator.displayName))
        }
    }
}

/// View model of the portal home.
struct HomePage {
    let title = "Accueil"
    let site = "Mon Indemnisation Justice — forces de l’ordre"
    let homePath = "/fdo"
    var name: String
}
