import Contracts
import Foundation
import Messaging

/// The events notification consumes.
enum NotificationSubscriptions {
    static func all(acknowledgement: ClaimAcknowledgementHandler) -> [Subscription] {
        [Subscription(acknowledgement)]
    }
}
