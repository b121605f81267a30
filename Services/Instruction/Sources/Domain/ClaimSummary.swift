import Foundation

/// One line of an agents' claim list.
struct ClaimSummary: Sendable, Equatable, Codable {
    var id: UUID
    var reference: String
    var status: String
    var claimantName: String
    var commune: String
    var department: String
    var submittedAt: Date
    var stateEnteredAt: Date
    var assigneeName: String?
    var isOverdue: Bool
}
