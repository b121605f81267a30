import Foundation

/// The owner of a verified account asked to choose a new password: send them the single-use link.
package struct PasswordResetRequested: EventContract {
    package static let eventName = "intake.password-reset-requested"
    package static let version = 1

    package var accountId: UUID
    package var email: String
    /// Single-use link to the new-password form; secret until it expires.
    package var resetURL: String
    package var expiresAt: Date

    package init(accountId: UUID, email: String, resetURL: String, expiresAt: Date) {
        self.accountId = accountId
        self.email = email
        self.resetURL = resetURL
        self.expiresAt = expiresAt
    }
}
