import Foundation

/// The morning digest of an agent who asked for one: what waits for them today, by state (their own claims for a
/// rédacteur, the office's queue for the other roles). Sent only when something waits.
package struct AgentDigest: EventContract {
    package static let eventName = "instruction.agent-digest"
    package static let version = 1

    /// One line: a state's label, how many claims, and how many of them are past the state's target delay.
    package struct Line: Codable, Sendable, Equatable {
        package var label: String
        package var count: Int
        package var overdue: Int

        package init(label: String, count: Int, overdue: Int) {
            self.label = label
            self.count = count
            self.overdue = overdue
        }
    }

    package var agent: AgentContact
    /// `YYYY-MM-DD` (Paris).
    package var day: String
    package var lines: [Line]

    package init(agent: AgentContact, day: String, lines: [Line]) {
        self.agent = agent
        self.day = day
        self.lines = lines
    }
}
