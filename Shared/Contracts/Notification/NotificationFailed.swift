import Foundation

/// The provider refused a message for good (a 5xx to the recipient or the content, a number that is not one);
/// feeds the claim timelines, so that the claimant is asked to check their address and the agent knows.
package struct NotificationFailed: EventContract {
    package static let eventName = "notification.notification-failed"
    package static let version = 1

    package var notificationId: UUID
    package var claimId: UUID?
    package var template: String
    package var channel: String
    /// Short technical reason, never containing the recipient.
    package var reason: String
    package var failedAt: Date
    /// Whom the message was for; absent in messages published before it was added.
    package var audience: NotificationAudience?

    package init(
        notificationId: UUID,
        claimId: UUID?,
        template: String,
        channel: String,
        reason: String,
        failedAt: Date,
        audience: NotificationAudience? = nil
    ) {
        self.notificationId = notificationId
        self.claimId = claimId
        self.template = template
        self.channel = channel
        self.reason = reason
        self.failedAt = failedAt
        self.audience = audience
    }
}
