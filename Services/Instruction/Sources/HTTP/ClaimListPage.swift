import Foundation
import WebUI

/// View model of the agents' claim list; stored properties only.
struct ClaimListPage {
    /// One table row, preformatted for display.
    struct Row {
        var reference: String
        var claimantName: String
        var place: String
        var submittedOn: String
        var stateLabel: String
    }

    let title = "Dossiers"
    let site = "Mon Indemnisation Justice — agents"
    let homePath = "/agents/dossiers"
    var agentName: String
    var rows: [Row]
    var isEmpty: Bool
    var filterLabel: String

    init(agent: StaffMember, claims: [ClaimSummary], filter: ClaimListController.Filter) {
        agentName = agent.displayName
        let format = Date.FormatStyle(date: .numeric, time: .omitted, locale: Locale(identifier: "fr_FR"), timeZone: TimeZone(identifier: "Europe/Paris") ?? .gmt)
        rows = claims.map {
            Row(
                reference: $0.reference,
                claimantName: $0.claimantName,
                place: "\($0.commune) (\($0.department))",
                submittedOn: $0.submittedAt.formatted(format),
                stateLabel: ClaimState(rawValue: $0.status)?.agentLabel ?? $0.status
            )
        }
        isEmpty = claims.isEmpty
        filterLabel = filter.state?.agentLabel ?? "tous les états"
    }
}
