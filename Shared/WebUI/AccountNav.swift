/// The signed-in part of the layout's header: a link to the person's space and the sign-out form carrying the
/// session's CSRF token. Defaults are the claimants' portal.
package struct AccountNav: Sendable {
    package var csrfToken: String
    package var spaceHref: String
    package var spaceLabel: String
    package var signOutAction: String

    package init(
        csrfToken: String,
        spaceHref: String = "/mon-espace",
        spaceLabel: String = "Mes demandes",
        signOutAction: String = "/deconnexion"
    ) {
        self.csrfToken = csrfToken
        self.spaceHref = spaceHref
        self.spaceLabel = spaceLabel
        self.signOutAction = signOutAction
    }
}
