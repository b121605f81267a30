import Crypto
import Foundation
import Logging
import Persistence
import PostgresNIO

/// Sliding-window limits on attempts, counted in PostgreSQL so that every instance shares them and a restart
/// forgets nothing. Limits slow an attacker down; they never lock the owner out for good.
package struct RateLimiter: Sendable {
    /// A limit: at most `limit` hits per key within `window`.
    package struct Rule: Sendable {
        package var name: String
        package var limit: Int
        package var window: TimeInterval

        package init(name: String, limit: Int, window: TimeInterval) {
            self.name = name
            self.limit = limit
            self.window = window
        }
    }

    /// A rule applied to one subject (an e-mail address is hashed before it is stored).
    package struct Key: Sendable {
        package var rule: Rule
        package var subject: String

        package init(rule: Rule, subject: String) {
            self.rule = rule
            self.subject = subject
        }

        /// The rule applied to an e-mail address, stored as its SHA-256 only.
        package static func email(_ address: String, _ rule: Rule) -> Key {
            Key(rule: rule, subject: SHA256.hash(data: Data(address.utf8)).hex)
        }

        var stored: String { "\(rule.name):\(subject)" }
    }

    let client: PostgresClient
    let logger: Logger
    let clock: @Sendable () -> Date

    package init(client: PostgresClient, logger: Logger, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.logger = logger
        self.clock = clock
    }

    /// Seconds to wait before the next attempt, or nil when every key is under its limit.
    package func retryAfter(_ keys: [Key]) async throws -> Int? {
        let now = clock()
        var wait: TimeInterval = 0
        for key in keys {
            let rows = try await client.query(
                """
                SELECT hit_at FROM throttle_hit
                WHERE throttle_key = \(key.stored) AND hit_at > \(now.addingTimeInterval(-key.rule.window))
                ORDER BY hit_at DESC LIMIT \(key.rule.limit)
                """,
                logger: logger
            )
            var hits: [Date] = []
            for try await hit in rows.decode(Date.self) { hits.append(hit) }
            // Full: the oldest of the last `limit` hits must leave the window before another attempt counts.
            if hits.count >= key.rule.limit, let oldest = hits.last {
                wait = max(wait, oldest.addingTimeInterval(key.rule.window).timeIntervalSince(now))
            }
        }
        return wait > 0 ? Int(wait.rounded(.up)) : nil
    }

    /// Counts one attempt against each key, dropping that key's hits that left the window.
    package func record(_ keys: [Key]) async throws {
        let now = clock()
        for key in keys {
            try await client.query(
                "INSERT INTO throttle_hit (throttle_key, hit_at) VALUES (\(key.stored), \(now))",
                logger: logger
            )
            try await client.query(
                "DELETE FROM throttle_hit WHERE throttle_key = \(key.stored) AND hit_at <= \(now.addingTimeInterval(-key.rule.window))",
                logger: logger
            )
        }
    }

    /// Forgets a key's hits (a successful sign-in clears the failures counted against the account).
    package func reset(_ key: Key) async throws {
        try await client.query("DELETE FROM throttle_hit WHERE throttle_key = \(key.stored)", logger: logger)
    }
}
