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
        try await context.connection.query(
            """
            INSERT INTO claim_timeline_entry (claim_id, kind, occurred_at, source_message_id)
            SELECT id, \("notification:" + event.template), \(event.sentAt), \(context.envelope.messageId)
            FROM claim WHERE id = \(claimId)
            """,
            logger: context.logger
        )
    }
}

/// The claimant's mail or phone provider refused a message about their claim for good: the claim's timeline says so,
/// so that they check the address they gave (the news stays readable in their space).
struct NotificationFailedHandler: EventHandler {
    func handle(_ event: NotificationFailed, context: HandlerContext) async throws {
        guard let claimId = event.claimId, event.audience == .claimant else { return }
        try await context.connection.query(
            """
            INSERT INTO claim_timeline_entry (claim_id, kind, occurred_at, source_message_id)
            SELECT id, \("notification-failed:" + event.channel), \(event.failedAt), \(context.envelope.messageId)
            FROM claim WHERE id = \(claimId)
            """,
            logger: context.logger
        )
    }
}
