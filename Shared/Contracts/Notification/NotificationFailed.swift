import Foundation

/// A message could not be delivered after every retry; feeds the claim timelines and alerts.
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

    package init(
        notificationId: UUID,
        claimId: UUID?,
        template: String,
        channel: String,
        reason: String,
        failedAt: Date
    ) {
        self.notificationId = notificationId
        self.claimId = claimId
        self.template = template
        self.channel = channel
        self.reason = reason
        self.failedAt = failedAt
    }
}
