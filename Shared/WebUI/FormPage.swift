/// A page holding one simple form (sign-in, account, password): the shared `form-page` template renders it
/// with the DSFR error summary, labels, hints and errors tied to their fields.
package struct FormPage: Sendable {
    /// A hidden value the form carries (CSRF token, where to return after sign-in).
    package struct Hidden: Sendable {
        package var name: String
        package var value: String

        package init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A secondary link shown under the form.
    package struct Link: Sendable {
        package var href: String
        package var label: String

        package init(href: String, label: String) {
            self.href = href
            self.label = label
        }
    }

    /// An identity federation offered before the form (FranceConnect for claimants, ProConnect for agents).
    package struct IdentityProvider: Sendable {
        /// `FranceConnect`.
        package var name: String
        /// Where the sign-in with it starts (a GET on this portal).
        package var href: String
        /// The provider's own page explaining what it is.
        package var aboutHref: String

        package init(name: String, href: String, aboutHref: String) {
            self.name = name
            self.href = href
            self.aboutHref = aboutHref
        }
    }

    package var site = "Mon Indemnisation Justice"
    package var homePath = "/"
    package var title: String
    package var intro: [String]
    package var identityProvider: IdentityProvider?
    package var action: String
    package var hidden: [Hidden]
    package var fields: [FormField]
    package var submitLabel: String
    package var errorSummary: [FormField]
    package var hasErrors: Bool
    /// A problem about the whole form (too many attempts, wrong credentials), announced as an alert.
    package var alert: String?
    package var links: [Link]
    /// The signed-in header, on forms shown to a signed-in person.
    package var account: AccountNav?

    package init(
        title: String,
        intro: [String] = [],
        action: String,
        csrfToken: String,
        hidden: [Hidden] = [],
        fields: [FormField],
        submitLabel: String,
        alert: String? = nil,
        links: [Link] = [],
        identityProvider: IdentityProvider? = nil
    ) {
        self.identityProvider = identityProvider
        self.title = title
        self.intro = intro
        self.action = action
        self.hidden = [Hidden(name: "csrfToken", value: csrfToken)] + hidden
        self.fields = fields
        self.submitLabel = submitLabel
        self.errorSummary = fields.filter { $0.error != nil }
        self.hasErrors = !errorSummary.isEmpty
        self.alert = alert
        self.links = links
    }
}

/// A page that only tells something (e-mail sent, link expired), with links or one button to go on.
package struct MessagePage: Sendable {
    /// A single-button form, for actions that must not run on a plain link (activation).
    package struct Button: Sendable {
        package var action: String
        package var label: String
        package var csrfToken: String

        package init(action: String, label: String, csrfToken: String) {
            self.action = action
            self.label = label
            self.csrfToken = csrfToken
        }
    }

    package var site = "Mon Indemnisation Justice"
    package var homePath = "/"
    package var title: String
    package var paragraphs: [String]
    package var button: Button?
    package var links: [FormPage.Link]

    package init(title: String, paragraphs: [String], button: Button? = nil, links: [FormPage.Link] = []) {
        self.title = title
        self.paragraphs = paragraphs
        self.button = button
        self.links = links
    }
}
