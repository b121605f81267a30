import Contracts
import Foundation
import Messaging

/// The events notification consumes.
enum NotificationSubscriptions {
    static func all(delivery: MailDelivery, publicBaseURL: String) -> [Subscription] {
        let steps = ClaimantStepMailer(delivery: delivery, publicBaseURL: publicBaseURL)
        return [
            Subscription(ClaimAcknowledgementHandler(delivery: delivery, publicBaseURL: publicBaseURL)),
            Subscription(AccountVerificationHandler(delivery: delivery)),
            Subscription(PasswordResetHandler(delivery: delivery)),
            Subscription(ClaimAssignedMailHandler(mailer: steps)),
            Subscription(InstructionStartedMailHandler(mailer: steps)),
            Subscription(InformationRequestedMailHandler(mailer: steps)),
            Subscription(ClaimClosedMailHandler(mailer: steps)),
            Subscription(ClaimCompletedMailHandler(mailer: steps)),
        ]
    }
}
