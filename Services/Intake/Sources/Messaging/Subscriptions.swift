import Contracts
import Foundation
import Messaging
import PostgresNIO

/// The events intake consumes, each bound to its queue by routing key.
enum IntakeSubscriptions {
    static func all(export: ClaimantDataExport) -> [Subscription] {
        [
            Subscription(NotificationSentHandler()), Subscription(NotificationFailedHandler()),
            Subscription(DocumentStoredHandler()),
            Subscription(DocumentScannedHandler()), Subscription(DocumentRejectedHandler()),
            Subscription(ReceiptIssuedHandler()),
            Subscription(LetterRenderedHandler()),
            Subscription(InstructionStartedHandler()), Subscription(InformationRequestedHandler()),
            Subscription(ClaimClosedHandler()), Subscription(OfferSentHandler()), Subscription(ClaimRejectedHandler()),
            Subscription(PaymentTransmittedHandler()), Subscription(ClaimPaidHandler()),
            Subscription(DeclarationSubmittedHandler()), Subscription(DeclarationContactUpdatedHandler()),
            Subscription(ClaimRetentionHandler()), Subscription(SubjectRequestHandler(export: export)),
            Subscription(DataSummaryRenderedHandler()), Subscription(DeclarationExpiredHandler()),
        ]
    }
}

/// A message to the claimant about their claim was handed to the provider: it joins the claim's timeline (messages
/// to the agents about it do not).
struct NotificationSentHandler: EventHandler {
    func handle(_ event: NotificationSent, context: HandlerContext) async throws {
        guard let claimId = event.claimId, event.audience == .claimant else { return }
        try await ClaimProgress.addToTimeline(
            claimId,
            "notification:" + event.template,
            at: event.sentAt,
            context: context
        )
    }
}

/// The claimant's mail or phone provider refused a message about their claim for good: the claim's timeline says so,
/// so that they check the address they gave (the news stays readable in their space).
struct NotificationFailedHandler: EventHandler {
    func handle(_ event: NotificationFailed, context: HandlerContext) async throws {
        guard let claimId = event.claimId, event.audience == .claimant else { return }
        try await ClaimProgress.addToTimeline(
            claimId,
            "notification-failed:" + event.channel,
            at: event.failedAt,
            context: context
        )
    }
}
