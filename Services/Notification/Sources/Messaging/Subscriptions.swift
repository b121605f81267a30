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
            Subscription(
                DecisionMailHandler<OfferSent>(mailer: steps) { ($0.claimId, $0.reference, true, $0.answerBy) }
            ),
            Subscription(
                DecisionMailHandler<ClaimRejected>(mailer: steps) { ($0.claimId, $0.reference, false, nil) }
            ),
            Subscription(PaymentMailHandler<PaymentTransmitted>(mailer: steps) { ($0.claimId, $0.reference, nil) }),
            Subscription(PaymentMailHandler<ClaimPaid>(mailer: steps) { ($0.claimId, $0.reference, $0.paidOn) }),
            Subscription(
                OfferAnswerMailHandler<OfferAccepted>(
                    mailer: steps,
                    template: "offer-accepted",
                    subject: "proposition acceptée, à vérifier"
                ) { ($0.claimId, $0.reference) }
            ),
            Subscription(
                OfferAnswerMailHandler<OfferRefused>(
                    mailer: steps,
                    template: "offer-refused",
                    subject: "proposition refusée par le requérant"
                ) { ($0.claimId, $0.reference) }
            ),
        ]
    }
}
