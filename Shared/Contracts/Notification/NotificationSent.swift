import Foundation

/// A message was handed to the mail or SMS provider; feeds the claim timelines.
package struct NotificationSent: EventContract {
    package static let eventName = "notification.notification-sent"
    package static let version = 1

    package var notificationId: UUID
    /// Claim the message is about, when there is one.
    package var claimId: UUID?
    /// Template identifier, e.g. `claim-acknowledgement`.
    package var template: String
    /// `email` or `sms`.
    package var channel: String
    package var sentAt: Date
    /// Whom the message was for; absent in messages published before it was added.
    package var audience: NotificationAudience?

    package init(
        notificationId: UUID,
        claimId: UUID?,
        template: String,
        channel: String,
        sentAt: Date,
        audience: NotificationAudience? = nil
    ) {
        self.notificationId = notificationId
        self.claimId = claimId
        self.template = template
        self.channel = channel
        self.sentAt = sentAt
        self.audience = audience
    }
}
