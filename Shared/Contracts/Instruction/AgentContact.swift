import Foundation

/// An agent notification writes to: professional name and address only.
package struct AgentContact: Codable, Sendable, Equatable {
    package var agentId: UUID
    package var displayName: String
    /// Professional address.
    package var email: String

    package init(agentId: UUID, displayName: String, email: String) {
        self.agentId = agentId
        self.displayName = displayName
        self.email = email
    }
}
