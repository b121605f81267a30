import Foundation
import WebUI

extension RateLimiter.Rule {
    /// Failed sign-ins for one address (domain.md §8.1: 5 per 20 minutes).
    static let signInPerAccount = Self(name: "sign-in-account", limit: 5, window: 20 * 60)
    /// Failed sign-ins from one client address (generous: many people may share one address).
    static let signInPerClient = Self(name: "sign-in-client", limit: 50, window: 20 * 60)
    /// FranceConnect sign-ins started from one client address (each keeps a row for ten minutes).
    static let franceConnectPerClient = Self(name: "franceconnect-client", limit: 30, window: 10 * 60)
    /// E-mails requested (activation, reset) for one address.
    static let mailPerAccount = Self(name: "mail-account", limit: 5, window: 3600)
    /// E-mails requested from one client address.
    static let mailPerClient = Self(name: "mail-client", limit: 30, window: 3600)
}

extension RateLimiter.Key {
    static func account(_ email: EmailAddress, _ rule: RateLimiter.Rule) -> Self { .email(email.value, rule) }
}

extension RateLimiter {
    /// Admits a request that sends an e-mail (activation, reset) for `email` from `client`, counting it; the seconds
    /// to wait instead when the address or the client asked too often.
    func admitMailRequest(for email: EmailAddress, from client: String) async throws -> Int? {
        let keys = [Key.account(email, .mailPerAccount), Key(rule: .mailPerClient, subject: client)]
        if let wait = try await retryAfter(keys) { return wait }
        try await record(keys)
        return nil
    }
}
