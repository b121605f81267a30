import Foundation
import ServiceKit
import WebUI

/// View model of the agents' dashboard and claim list; stored properties only.
struct ClaimListPage {
    /// A line of the per-state summary, each count a link to the matching list.
    struct StateLine {
        var label: String
        var all: Int
        var allHref: String
        var mine: Int
        var mineHref: String
        var overdue: Int
        var hasOverdue: Bool
    }

    /// A line of the results.
    struct Row {
        var href: String
        var reference: String
        var claimantName: String
        var place: String
        var submittedOn: String
        var stateLabel: String
        var isOverdue: Bool
        var assignee: String
    }

    let title = "Dossiers"
    let site = AgentPages.site
    let homePath = AgentPages.home
    var account: AccountNav
    var agentName: String
    var roles: String
    var states: [StateLine]
    var stateOptions: [SelectOption]
    var assigneeOptions: [SelectOption]
    var forceOptions: [SelectOption]
    var sortOptions: [SelectOption]
    var department: String
    var submittedFrom: String
    var submittedTo: String
    var text: String
    var rows: [Row]
    var isEmpty: Bool
    var resultSummary: String
    var previousHref: String?
    var nextHref: String?
    var hasPages: Bool
    var csrfToken: String
    /// Whether the agent receives the morning digest.
    var dailyDigest: Bool
    /// The preference saved (`?fait=preferences`).
    var preferencesSaved: Bool

    init(
        agent: Agent,
        csrfToken: String,
        search: ClaimSearch,
        query: [String: String],
        counts: [ClaimState: ClaimQueue.StateCount],
        redacteurs: [Agent],
        result: (claims: [ClaimSummary], total: Int),
        dailyDigest: Bool = false
    ) {
        account = AgentPages.nav(csrfToken: csrfToken)
        self.csrfToken = csrfToken
        self.dailyDigest = dailyDigest
        preferencesSaved = query["fait"] == "preferences"
        agentName = agent.displayName
        roles = agent.roles.sorted().map(\.label).joined(separator: ", ")
        states = ClaimState.allCases.filter { $0 != .toComplete }.map { state in
            let count = counts[state] ?? .init(all: 0, mine: 0, overdue: 0)
            return StateLine(
                label: state.agentLabel,
                all: count.all,
                allHref: "\(AgentPages.home)?etat=\(state.rawValue)",
                mine: count.mine,
                mineHref: "\(AgentPages.home)?etat=\(state.rawValue)&attribution=moi",
                overdue: count.overdue,
                hasOverdue: count.overdue > 0
            )
        }
        stateOptions =
            [SelectOption(value: "", label: "Tous les états", selected: search.state == nil)]
            + ClaimState.allCases.filter { $0 != .toComplete }.map {
                SelectOption(value: $0.rawValue, label: $0.agentLabel, selected: search.state == $0)
            }
        assigneeOptions =
            [
                SelectOption(value: "tous", label: "Tous", selected: search.assignee == .anyone),
                SelectOption(value: "moi", label: "Mes dossiers", selected: search.assignee == .agent(agent.id)),
                SelectOption(value: "personne", label: "Non attribués", selected: search.assignee == .unassigned),
            ]
            + redacteurs.filter { $0.id != agent.id }.map {
                SelectOption(value: $0.id.uuidString, label: $0.displayName, selected: search.assignee == .agent($0.id))
            }
        forceOptions = [
            ("", "Toutes"), ("PN", "Police nationale"), ("GN", "Gendarmerie nationale"), ("PP", "Préfecture de police"),
        ]
        .map { SelectOption(value: $0.0, label: $0.1, selected: (search.force ?? "") == $0.0) }
        sortOptions = ClaimSearch.Sort.allCases.map {
            SelectOption(value: $0.rawValue, label: $0.label, selected: search.sort == $0)
        }
        department = search.department ?? ""
        submittedFrom = search.submittedFrom ?? ""
        submittedTo = search.submittedTo ?? ""
        text = query["q"] ?? ""
        rows = result.claims.map { claim in
            Row(
                href: "\(AgentPages.home)/\(claim.id.uuidString.lowercased())",
                reference: claim.reference,
                claimantName: claim.claimantName,
                place: "\(claim.commune) (\(claim.department))",
                submittedOn: claim.submittedAt.formatted(AgentPages.shortDay),
                stateLabel: ClaimState(rawValue: claim.status)?.agentLabel ?? claim.status,
                isOverdue: claim.isOverdue,
                assignee: claim.assigneeName ?? "Non attribué"
            )
        }
        isEmpty = result.claims.isEmpty
        let first = (search.page - 1) * search.pageSize + 1
        resultSummary =
            switch (result.total, result.claims.isEmpty) {
            case (0, _): "Aucun dossier ne correspond."
            case (let total, true): "Aucun dossier sur cette page : \(total) correspondent à la recherche."
            case (let total, false): "Dossiers \(first) à \(first + result.claims.count - 1) sur \(total)."
            }
        func pageHref(_ page: Int) -> String {
            var items = query.filter { $0.key != "page" && !$0.value.isEmpty }.sorted { $0.key < $1.key }
                .map { URLQueryItem(name: $0.key, value: $0.value) }
            items.append(URLQueryItem(name: "page", value: String(page)))
            var components = URLComponents()
            components.queryItems = items
            return AgentPages.home + (components.string ?? "")
        }
        previousHref = search.page > 1 ? pageHref(search.page - 1) : nil
        nextHref = search.page * search.pageSize < result.total ? pageHref(search.page + 1) : nil
        hasPages = previousHref != nil || nextHref != nil
    }
}
