import Foundation
import WebUI

/// View models of the staff management pages: the list with the declaration form, and one account's form.
/// Stored properties only.
struct StaffListPage {
    struct Line {
        var href: String
        var displayName: String
        var email: String
        var roles: String
        var status: String
    }

    let title = "Gestion des agents"
    let site = AgentPages.site
    let homePath = StaffPages.home
    var account: AccountNav
    var csrfToken: String
    var accounts: [Line]
    var roleChoices: [StaffPages.RoleChoice]
    var email: String
    var name: String
    var problems: [String: String]
    var hasProblems: Bool
    var done: String?

    init(
        accounts: [StaffAccounts.Account],
        csrfToken: String,
        form: (email: String, name: String, roles: Set<AgentRole>) = ("", "", []),
        problems: [String: String] = [:],
        done: String? = nil
    ) {
        account = StaffPages.nav(csrfToken: csrfToken)
        self.csrfToken = csrfToken
        self.accounts = accounts.map {
            Line(
                href: StaffPages.path($0.id),
                displayName: $0.displayName,
                email: $0.email,
                roles: StaffPages.labels($0.roles),
                status: $0.active ? "Actif" : "Désactivé"
            )
        }
        roleChoices = StaffPages.choices(checked: form.roles, prefix: "declaration")
        email = form.email
        name = form.name
        self.problems = problems
        hasProblems = !problems.isEmpty
        self.done = done
    }
}

struct StaffAccountPage {
    let site = AgentPages.site
    let homePath = StaffPages.home
    var title: String
    var account: AccountNav
    var csrfToken: String
    var action: String
    var displayName: String
    var email: String
    var roleChoices: [StaffPages.RoleChoice]
    var active: Bool
    var problems: [String: String]
    var hasProblems: Bool

    init(_ agent: StaffAccounts.Account, csrfToken: String, problems: [String: String] = [:]) {
        title = "Compte de \(agent.displayName)"
        account = StaffPages.nav(csrfToken: csrfToken)
        self.csrfToken = csrfToken
        action = StaffPages.path(agent.id)
        displayName = agent.displayName
        email = agent.email
        roleChoices = StaffPages.choices(checked: agent.roles, prefix: "role")
        active = agent.active
        self.problems = problems
        hasProblems = !problems.isEmpty
    }
}

/// What the staff pages share.
enum StaffPages {
    static let home = "/agents/gestion"

    /// A role's checkbox.
    struct RoleChoice {
        var id: String
        var value: String
        var label: String
        var checked: Bool
    }

    static func path(_ id: UUID) -> String { "\(home)/\(id.uuidString.lowercased())" }

    static func nav(csrfToken: String) -> AccountNav {
        AccountNav(csrfToken: csrfToken, spaceHref: home, spaceLabel: "Agents", signOutAction: "/agents/deconnexion")
    }

    static func labels(_ roles: Set<AgentRole>) -> String {
        roles.sorted().map(\.label).joined(separator: ", ")
    }

    static func choices(checked: Set<AgentRole>, prefix: String) -> [RoleChoice] {
        AgentRole.allCases.map {
            RoleChoice(
                id: "\(prefix)-\($0.rawValue)",
                value: $0.rawValue,
                label: $0.label,
                checked: checked.contains($0)
            )
        }
    }
}
