import Crypto
import Foundation
import Logging
import Persistence
import PostgresNIO

/// Sliding-window limits on attempts, counted in PostgreSQL so that every instance shares them and a restart
/// forgets nothing. Limits slow an attacker down; they never lock the owner out for good.
struct RateLimiter: Sendable {
    /// A limit: at most `limit` hits per key within `window`.
    struct Rule: Sendable {
        var name: String
        var limit: Int
        var window: TimeInterval

        /// Failed sign-ins for one address (domain.md §8.1: 5 per 20 minutes).
        static let signInPerAccount = Rule(name: "sign-in-account", limit: 5, window: 20 * 60)
        /// Failed sign-ins from one client address (generous: many people may share one address).
        static let signInPerClient = Rule(name: "sign-in-client", limit: 50, window: 20 * 60)
        /// FranceConnect sign-ins started from one client address (each keeps a row for ten minutes).
        static let franceConnectPerClient = Rule(name: "franceconnect-client", limit: 30, window: 10 * 60)
        /// E-mails requested (activation, reset) for one address.
        static let mailPerAccount = Rule(name: "mail-account", limit: 5, window: 3600)
        /// E-mails requested from one client address.
        static let mailPerClient = Rule(name: "mail-client", limit: 30, window: 3600)
    }

    /// A rule applied to one subject (an e-mail address is hashed before it is stored).
    struct Key: Sendable {
        var rule: Rule
        var subject: String

        static func account(_ email: EmailAddress, _ rule: Rule) -> Key {
            Key(
                rule: rule,
                subject: SHA256.hash(data: Data(email.value.utf8)).hex
            )
        }

        var stored: String { "\(rule.name):\(subject)" }
    }

    let client: PostgresClient
    let logger: Logger
    var clock: @Sendable () -> Date = { Date() }

    /// Seconds to wait before the next attempt, or nil when every key is under its limit.
    func retryAfter(_ keys: [Key]) async throws -> Int? {
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
    func record(_ keys: [Key]) async throws {
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

    /// Admits a request that sends an e-mail (activation, reset) for `email` from `client`, counting it; the seconds
    /// to wait instead when the address or the client asked too often.
    func admitMailRequest(for email: EmailAddress, from client: String) async throws -> Int? {
        let keys = [Key.account(email, .mailPerAccount), Key(rule: .mailPerClient, subject: client)]
        if let wait = try await retryAfter(keys) { return wait }
        try await record(keys)
        return nil
    }

    /// Forgets a key's hits (a successful sign-in clears the failures counted against the account).
    func reset(_ key: Key) async throws {
        try await client.query("DELETE FROM throttle_hit WHERE throttle_key = \(key.stored)", logger: logger)
    }
}
