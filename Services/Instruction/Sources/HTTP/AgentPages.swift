import Foundation
import ServiceKit
import WebUI

/// What every page of the back office shares: the site's name and the signed-in header.
enum AgentPages {
    static let site = "Mon Indemnisation Justice — agents"
    static let home = "/agents/dossiers"

    /// Where an agent lands: the claims, or for an agent who reads no claim the staff pages (a staff manager) or
    /// the data protection requests (the referent).
    static func home(of agent: Agent) -> String {
        if agent.readsClaims { return home }
        if agent.holds(.staffManager) { return StaffPages.home }
        return agent.holds(.dataProtection) ? SubjectRequestController.path : home
    }

    /// The local sign-in page, with the ProConnect button when ProConnect is configured.
    static func signInPortal(offersProConnect: Bool) -> StaffSignInController.Portal {
        StaffSignInController.Portal(
            signInPath: AgentGate.signInPath,
            signOutPath: "/agents/deconnexion",
            site: site,
            homePath: home,
            title: "Connexion des agents",
            intro: ["Espace réservé aux agents du bureau du précontentieux du ministère de la Justice."],
            emailHint: "Format attendu : prenom.nom@justice.gouv.fr",
            throttlePrefix: "agent",
            identityProvider: offersProConnect
                ? FormPage.IdentityProvider(
                    name: "ProConnect",
                    href: ProConnectController.startPath,
                    aboutHref: "https://www.proconnect.gouv.fr/"
                ) : nil
        )
    }

    static func nav(csrfToken: String) -> AccountNav {
        AccountNav(csrfToken: csrfToken, spaceHref: home, spaceLabel: "Dossiers", signOutAction: "/agents/deconnexion")
    }

    /// `12/11/2026`, Paris time.
    static let shortDay = Date.FormatStyle(
        date: .numeric,
        time: .omitted,
        locale: Locale(identifier: "fr_FR"),
        timeZone: TimeZone(identifier: "Europe/Paris") ?? .gmt
    )
}

/// One option of a `<select>`.
struct SelectOption: Sendable {
    var value: String
    var label: String
    var selected: Bool
}
