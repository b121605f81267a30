import Foundation
import ServiceKit
import WebUI

/// What every page of the investigators' portal shares: the site's name, the home and the signed-in header.
enum LiaisonPages {
    static let site = "Mon Indemnisation Justice — forces de l’ordre"
    static let home = "/fdo"

    /// The local sign-in page, with the ProConnect button when ProConnect is configured.
    static func signInPortal(offersProConnect: Bool) -> StaffSignInController.Portal {
        StaffSignInController.Portal(
            signInPath: InvestigatorGate.signInPath,
            signOutPath: "/fdo/deconnexion",
            site: site,
            homePath: home,
            title: "Connexion des enquêteurs",
            intro: [
                "Espace réservé aux agents de la police nationale, de la gendarmerie nationale et de la préfecture de "
                    + "police qui déclarent un bris de porte survenu lors d’une opération judiciaire."
            ],
            emailHint: "Votre adresse professionnelle, par exemple prenom.nom@interieur.gouv.fr",
            throttlePrefix: "investigator",
            identityProvider: offersProConnect
                ? FormPage.IdentityProvider(
                    name: "ProConnect",
                    href: InvestigatorProConnectController.startPath,
                    aboutHref: "https://www.proconnect.gouv.fr/"
                ) : nil
        )
    }

    static func nav(csrfToken: String) -> AccountNav {
        AccountNav(
            csrfToken: csrfToken,
            spaceHref: home,
            spaceLabel: "Mes déclarations",
            signOutAction: "/fdo/deconnexion"
        )
    }

    static func declarationPath(_ id: UUID) -> String { "/fdo/declarations/\(id.uuidString.lowercased())" }

    static func queryPath(_ id: UUID) -> String { "/fdo/questions/\(id.uuidString.lowercased())" }

    static func queryFilePath(_ query: UUID, _ document: UUID) -> String {
        "\(queryPath(query))/pieces/\(document.uuidString.lowercased())"
    }

    static func stepPath(_ id: UUID, _ step: DeclarationStep) -> String { "\(declarationPath(id))/\(step.rawValue)" }
}

/// How to have the dwelling secured by a requisitioned locksmith (domain.md §1.4, §6.1).
struct LocksmithPage {
    let site = LiaisonPages.site
    let homePath = LiaisonPages.home
    let title = "Réquisition d’un serrurier"
    var account: AccountNav
}
