import Contracts
import Foundation

/// What an agent's morning digest lists, by role: a rédacteur's own claims at each step they act on, and the
/// office's queues the other roles work from.
enum DigestPlan {
    /// Whose claims a line counts.
    enum Scope: Hashable, Sendable {
        case mine
        case office
    }

    static func entries(for agent: Agent) -> [(state: ClaimState, scope: Scope)] {
        var entries: [(ClaimState, Scope)] = []
        if agent.holds(.attributeur) { entries.append((.toAssign, .office)) }
        if agent.holds(.redacteur) {
            entries += [ClaimState.toInstruct, .inInstruction, .acceptanceToVerify, .toPay].map { ($0, .mine) }
        }
        if agent.holds(.validateur) {
            entries += [ClaimState.offerToSign, .rejectionToSign, .verified].map { ($0, .office) }
        }
        if agent.holds(.budgetLiaison) {
            entries += [ClaimState.toPay, .awaitingPayment].map { ($0, .office) }
        }
        var seen = Set<ClaimState>()
        // A state listed for the office covers the agent's own claims in it.
        let offices = Set(entries.filter { $0.1 == .office }.map(\.0))
        return entries.filter { ($1 == .office || !offices.contains($0)) && seen.insert($0).inserted }
    }

    /// The digest's lines from the counts per state; empty when nothing waits.
    static func lines(for agent: Agent, counts: [ClaimState: ClaimQueue.StateCount]) -> [AgentDigest.Line] {
        entries(for: agent).compactMap { state, scope in
            guard let count = counts[state] else { return nil }
            let (total, overdue) = scope == .mine ? (count.mine, count.mineOverdue) : (count.all, count.overdue)
            guard total > 0 else { return nil }
            let label = scope == .mine ? "\(state.agentLabel) (mes dossiers)" : state.agentLabel
            return AgentDigest.Line(label: label, count: total, overdue: overdue)
        }
    }
}
