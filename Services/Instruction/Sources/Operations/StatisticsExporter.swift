import Foundation
import Logging
import Metrics
import ServiceKit
import ServiceLifecycle

/// Publishes the office's statistics as Prometheus gauges every minute: claims per state and overdue, time in
/// each state and from submission to decision and to payment (median and 90th percentile, label `percentile`), signed rejections per
/// motive. No label names a person; the per-rédacteur backlog is on the statistics page only.
struct StatisticsExporter: Service {
    let statistics: StatisticsRepository
    let logger: Logger
    var interval: Duration = .seconds(60)
    var factory: any MetricsFactory = MetricsSystem.factory

    func run() async throws {
        await repeatUntilShutdown(every: interval, logger: logger, failure: "statistics not computed") {
            Self.record(try await statistics.statistics(), to: factory)
        }
    }

    static func record(_ statistics: ClaimStatistics, to factory: any MetricsFactory) {
        func gauge(_ label: String, _ dimensions: [(String, String)]) -> Gauge {
            Gauge(label: label, dimensions: dimensions, factory: factory)
        }
        func record(_ durations: ClaimStatistics.Durations, as label: String, _ dimensions: [(String, String)] = []) {
            gauge(label, dimensions + [("percentile", "50")]).record(durations.median)
            gauge(label, dimensions + [("percentile", "90")]).record(durations.p90)
            gauge(label + "_count", dimensions).record(durations.count)
        }
        for state in ClaimState.allCases {
            let count = statistics.backlog[state]
            gauge("instruction_claims", [("state", state.rawValue)]).record(count?.all ?? 0)
            gauge("instruction_claims_overdue", [("state", state.rawValue)]).record(count?.overdue ?? 0)
            if let stays = statistics.timeInState[state] {
                record(stays, as: "instruction_time_in_state_seconds", [("state", state.rawValue)])
            }
        }
        record(statistics.toDecision, as: "instruction_time_to_decision_seconds")
        record(statistics.toPayment, as: "instruction_time_to_payment_seconds")
        for reason in RejectionReason.allCases {
            gauge("instruction_rejections", [("reason", reason.rawValue)]).record(statistics.rejections[reason] ?? 0)
        }
    }

}
