import Contracts
import Foundation
import Messaging

/// The events notification consumes.
enum NotificationSubscriptions {
    static func all(delivery: MailDelivery, publicBaseURL: String) -> [Subscription] {
        [
            Subscription(ClaimAcknowledgementHandler(delivery: delivery, publicBaseURL: publicBaseURL)),
            Subscription(AccountVerificationHandler(delivery: delivery)),
            Subscription(PasswordResetHandler(delivery: delivery)),
            Subscription(DeclarationInvitationHandler(delivery: delivery, publicBaseURL: publicBaseURL)),
            Subscription(AttachConfirmationHandler(delivery: delivery)),
            Subscription(DeclarationContactInvitationHandler(delivery: delivery, publicBaseURL: publicBaseURL)),
            Subscription(QueryReminderMailHandler(delivery: delivery, publicBaseURL: publicBaseURL)),
            Subscription(ClaimantReminderMailHandler(delivery: delivery, publicBaseURL: publicBaseURL)),
            Subscription(ClaimRetentionHandler()), Subscription(SubjectRequestHandler()),
        ] + JourneyMails.subscriptions(delivery: delivery, publicBaseURL: publicBaseURL)
    }
}
