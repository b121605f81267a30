import Foundation

/// A claimant created an account (or asked again): send them the link that proves they own the address.
package struct ClaimantVerificationRequested: EventContract {
    package static let eventName = "intake.claimant-verification-requested"
    package static let version = 1

    package var accountId: UUID
    package var email: String
    /// Single-use link to the activation page; secret until it expires.
    package var verificationURL: String
    package var expiresAt: Date

    package init(accountId: UUID, email: String, verificationURL: String, expiresAt: Date) {
        self.accountId = accountId
        self.email = email
        self.verificationURL = verificationURL
        self.expiresAt = expiresAt
    }
}
