import Foundation
import Messaging
import Persistence

/// How long personal data is kept (domain.md §8.2), read from RETENTION_CLAIM_DAYS (a claim, counted from its
/// closure: 365), RETENTION_ACCOUNT_DAYS (an account, from its last activity: 730), RETENTION_DRY_RUN (the
/// scheduled purge only logs what would go) and RETENTION_INTERVAL_MINUTES (60).
package struct RetentionPolicy: Sendable {
    package var claimDays: Int
    package var accountDays: Int
    package var dryRun: Bool
    package var interval: Duration

    package init(
        claimDays: Int = 365,
        accountDays: Int = 730,
        dryRun: Bool = false,
        interval: Duration = .seconds(3600)
    ) {
        self.claimDays = claimDays
        self.accountDays = accountDays
        self.dryRun = dryRun
        self.interval = interval
    }

    package static func from(_ reader: SettingsReader) -> RetentionPolicy {
        RetentionPolicy(
            claimDays: reader.int("retention.claim.days", default: 365, in: 1...36_500),
            accountDays: reader.int("retention.account.days", default: 730, in: 1...36_500),
            dryRun: reader.bool("retention.dry.run", default: false),
            interval: .seconds(60 * reader.int("retention.interval.minutes", default: 60, in: 1...10_080))
        )
    }

    /// Claims closed before this instant are purged at `now`.
    package func claimCutoff(at now: Date) -> Date { now.addingTimeInterval(-Double(claimDays) * 86_400) }
    /// Accounts idle since before this instant are purged at `now`.
    package func accountCutoff(at now: Date) -> Date { now.addingTimeInterval(-Double(accountDays) * 86_400) }
}

/// The options of a service's `purge` command: `--dry-run` lists what would go without removing it; `--as-of
/// YYYY-MM-DD` purges as if it were that day (planning, and tests that move the clock forward).
package struct PurgeCommandOptions: Sendable {
    package var dryRun: Bool
    package var asOf: Date

    package struct Invalid: Error, CustomStringConvertible {
        package var description: String
    }

    /// Reads the options after the command's name; today when `--as-of` is absent.
    package static func parse(_ arguments: [String], now: Date = Date()) throws -> PurgeCommandOptions {
        var options = PurgeCommandOptions(dryRun: false, asOf: now)
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--dry-run": options.dryRun = true
            case "--as-of":
                guard let day = rest.popFirst(), let date = ParisTime.date(isoDay: day) else {
                    throw Invalid(description: "--as-of needs a day written YYYY-MM-DD")
                }
                options.asOf = date
            default: throw Invalid(description: "unknown option \(argument) (purge [--dry-run] [--as-of YYYY-MM-DD])")
            }
        }
        return options
    }
}

extension PurgeCommandOptions {
    /// Runs a service's `purge` command: reads its options from the command line, and gives `body` an outbox on
    /// the service's database (the running service's relay publishes what it appends).
    package static func run(
        _ settings: CommonSettings,
        _ runtime: Runtime,
        _ body: @escaping @Sendable (TransactionalOutbox, PurgeCommandOptions) async throws -> Void
    ) async throws {
        let options = try parse(Array(CommandLine.arguments.dropFirst(2)))
        try await settings.database.withClient(logger: runtime.logger) { client in
            let outbox = TransactionalOutbox(producer: settings.service, client: client, signal: OutboxSignal())
            try await body(outbox, options)
        }
    }
}
