import Foundation

/// How the office is doing (issue 4 §7): time spent in each state, time from submission to decision and to
/// payment, backlog per state and per rédacteur, and why claims are rejected.
struct ClaimStatistics: Sendable {
    /// A distribution of durations, in seconds.
    struct Durations: Sendable, Equatable {
        var count: Int
        var median: Double
        var p90: Double

        static let none = Durations(count: 0, median: 0, p90: 0)
    }

    /// Time spent in each state a claim went through (a claim still in a state counts with its time so far).
    var timeInState: [ClaimState: Durations]
    /// From submission to the signed decision (offer sent or rejection).
    var toDecision: Durations
    /// From submission to the transfer recorded.
    var toPayment: Durations
    /// Claims per state now, and those past the state's target delay.
    var backlog: [ClaimState: ClaimQueue.StateCount]
    /// Open claims per assigned rédacteur, largest first.
    var backlogByAgent: [(name: String, count: Int)]
    /// Signed rejections per motive.
    var rejections: [RejectionReason: Int]

    /// The states a claim can still leave.
    static let openStates = ClaimState.allCases.filter { ![.toComplete, .paid, .rejected, .closed].contains($0) }
}
