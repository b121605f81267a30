import Foundation
import ServiceKit
import WebUI

/// View model of the statistics page: each figure as a table (the accessible source) with a bar chart drawn in
/// SVG (no script, no inline style, so the CSP holds). Stored properties only.
struct StatisticsPage {
    /// One horizontal bar under its label, its figure at its end; geometry in the chart's coordinates.
    struct Bar {
        var label: String
        var value: String
        var labelY: Int
        var y: Int
        var valueY: Int
        var width: Int
    }

    /// A chart: its accessible name and its bars.
    struct Chart {
        var name: String
        var bars: [Bar]
        var height: Int
        var isEmpty: Bool

        /// Bars proportional to `values` (the largest fills the width).
        init(name: String, _ lines: [(label: String, value: Double, text: String)]) {
            self.name = name
            let largest = lines.map(\.value).max() ?? 0
            bars = lines.enumerated().map { index, line in
                Bar(
                    label: line.label,
                    value: line.text,
                    labelY: index * Self.step + 14,
                    y: index * Self.step + 20,
                    valueY: index * Self.step + 32,
                    width: largest > 0 ? max(Int((line.value / largest * Double(Self.barWidth)).rounded()), 1) : 0
                )
            }
            height = max(lines.count * Self.step + 4, 8)
            isEmpty = lines.isEmpty
        }

        static let step = 42
        static let barWidth = 520
    }

    /// A line of a table of durations.
    struct StayLine {
        var label: String
        var count: Int
        var median: String
        var p90: String
    }

    /// A line of a table of counts.
    struct CountLine {
        var label: String
        var count: Int
        /// Past the state's target delay (backlog per state only).
        var overdue: Int?
    }

    let title = "Statistiques"
    let site = AgentPages.site
    let homePath = AgentPages.home
    var account: AccountNav
    var toDecision: StayLine
    var toPayment: StayLine
    var stays: [StayLine]
    var staysChart: Chart
    var backlog: [CountLine]
    var backlogChart: Chart
    var agents: [CountLine]
    var agentsChart: Chart
    var rejections: [CountLine]
    var rejectionsChart: Chart
    var computedAt: String

    init(_ statistics: ClaimStatistics, csrfToken: String, computedAt: Date) {
        account = AgentPages.nav(csrfToken: csrfToken)
        toDecision = Self.line("De la demande à la décision", statistics.toDecision)
        toPayment = Self.line("De la demande au paiement", statistics.toPayment)
        let visited = ClaimState.allCases.compactMap { state in statistics.timeInState[state].map { (state, $0) } }
        stays = visited.map { Self.line($0.0.agentLabel, $0.1) }
        staysChart = Chart(
            name: "Durée médiane passée dans chaque état, en jours",
            visited.map { ($0.0.agentLabel, $0.1.median, Self.days($0.1.median)) }
        )
        let open = ClaimStatistics.openStates.map { ($0, statistics.backlog[$0] ?? .init(all: 0, mine: 0, overdue: 0)) }
        backlog = open.map { CountLine(label: $0.0.agentLabel, count: $0.1.all, overdue: $0.1.overdue) }
        backlogChart = Chart(
            name: "Dossiers en cours par état",
            open.map { ($0.0.agentLabel, Double($0.1.all), "\($0.1.all)") }
        )
        agents = statistics.backlogByAgent.map { CountLine(label: $0.name, count: $0.count) }
        agentsChart = Chart(
            name: "Dossiers en cours par rédacteur",
            statistics.backlogByAgent.map { ($0.name, Double($0.count), "\($0.count)") }
        )
        let reasons = RejectionReason.allCases.map { ($0.label, statistics.rejections[$0] ?? 0) }
        rejections = reasons.map { CountLine(label: $0.0, count: $0.1) }
        rejectionsChart = Chart(name: "Rejets signés par motif", reasons.map { ($0.0, Double($0.1), "\($0.1)") })
        self.computedAt = computedAt.formatted(ParisTime.dayAndTime)
    }

    private static func line(_ label: String, _ durations: ClaimStatistics.Durations) -> StayLine {
        StayLine(
            label: label,
            count: durations.count,
            median: durations.count > 0 ? days(durations.median) : "—",
            p90: durations.count > 0 ? days(durations.p90) : "—"
        )
    }

    /// `12,5 j`.
    static func days(_ seconds: Double) -> String {
        let days = (seconds / 86_400).formatted(
            .number.precision(.fractionLength(1)).locale(Locale(identifier: "fr_FR"))
        )
        return "\(days) j"
    }
}
