import Foundation

/// An agent's query over the claims: filters, sort and page, as read from the list's GET form.
struct ClaimSearch: Sendable, Equatable {
    enum Assignee: Sendable, Equatable {
        case anyone
        case unassigned
        case agent(UUID)
    }

    enum Sort: String, Sendable, CaseIterable {
        case newest = "recents"
        case oldest = "anciens"
        case longestWaiting = "attente"

        var label: String {
            switch self {
            case .newest: "Dépôt le plus récent"
            case .oldest: "Dépôt le plus ancien"
            case .longestWaiting: "Plus longue attente dans l’état"
            }
        }
    }

    static let pageSize = 50

    var state: ClaimState?
    var assignee: Assignee = .anyone
    var department: String?
    /// `YYYY-MM-DD`, inclusive, Paris days of submission.
    var submittedFrom: String?
    var submittedTo: String?
    /// `PN`, `GN` or `PP`.
    var force: String?
    /// Folded text searched in references and names.
    var text: String?
    var sort: Sort = .newest
    var page = 1
    var pageSize = pageSize
}
