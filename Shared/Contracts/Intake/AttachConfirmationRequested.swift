import Foundation

/// A claimant typed a declaration's code: send the one-time confirmation code to the occupant's address the
/// investigators declared, which proves the claimant is that occupant.
package struct AttachConfirmationRequested: EventContract {
    package static let eventName = "intake.attach-confirmation-requested"
    package static let version = 1

    package var email: String
    /// Six digits; secret until it expires.
    package var confirmationCode: String
    package var expiresAt: Date

    package init(email: String, confirmationCode: String, expiresAt: Date) {
        self.email = email
        self.confirmationCode = confirmationCode
        self.expiresAt = expiresAt
    }
}
