import Foundation

/// A claimant typed a declaration's code: send the one-time confirmation code to the occupant's contact the
/// investigators declared (their e-mail address, else their mobile number), which proves the claimant is that
/// occupant.
package struct AttachConfirmationRequested: EventContract {
    package static let eventName = "intake.attach-confirmation-requested"
    package static let version = 1

    package var email: String?
    /// E.164; used when no e-mail address was declared.
    package var phone: String?
    /// Six digits; secret until it expires.
    package var confirmationCode: String
    package var expiresAt: Date

    package init(email: String?, phone: String? = nil, confirmationCode: String, expiresAt: Date) {
        self.email = email
        self.phone = phone
        self.confirmationCode = confirmationCode
        self.expiresAt = expiresAt
    }
}
