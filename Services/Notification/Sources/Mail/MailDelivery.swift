import Contracts
import Crypto
import Foundation
import Logging
import Messaging
import Persistence
import PostgresNIO
import WebUI

/// Sends one templated e-mail, or one text message, on behalf of an event handler: renders it, hands it to the
/// provider, logs the delivery (recipient hashed) and publishes `NotificationSent`, or `NotificationFailed` when
/// the provider refuses it for good. Transient failures are thrown, so the event is retried.
///
/// A message is handed over once per event and recipient, across retries and restarts: the delivery is logged
/// before and after the hand-over, outside the handler's transaction, so when the event comes back (another
/// recipient of the same event failed, or the process died before its commit) what was sent is not sent again; only
/// its announcement is published again, the first one having been rolled back. A crash in the instant between the
/// provider's acceptance and its logging sends the message again under the same Message-ID, which mailboxes keep once.
struct MailDelivery: Sendable {
    /// What to send and what it is about.
    struct Letter {
        var template: String
        var model: Any
        var to: String
        var subject: String
        var claimId: UUID?
        var audience: NotificationAudience
    }

    let mailer: any Mailer
    let templates: MailTemplates
    let sender: String
    /// Where deliveries are recorded as they happen (the service's own database, not the handler's transaction).
    let ledger: DeliveryLedger
    /// The SMS provider; nil when none is configured (text messages are then not sent, and logged as such).
    var sms: (any TextMessenger)? = nil

    /// Sends one text message on behalf of an event handler, logged and announced like an e-mail: the number in
    /// E.164 form, the text in the GSM alphabet when it can be. A number that is not a telephone number, or a text
    /// too long for an SMS, is refused for good.
    func deliverSMS(_ text: String, to number: String, template: String, claimId: UUID?, context: HandlerContext)
        async throws
    {
        guard let sms else {
            context.logger.notice(
                "no SMS gateway configured: text message not sent",
                metadata: ["template": "\(template)"]
            )
            return
        }
        // Text messages go to the occupants a declaration invites only.
        let letter = Letter(
            template: template,
            model: text,
            to: number,
            subject: "",
            claimId: claimId,
            audience: .claimant
        )
        try await once(letter, channel: "sms", context: context) { _ in
            let message = SMSText(text)
            guard let e164 = PhoneNumber.e164(number) else { return "not a telephone number" }
            guard !message.isTooLong else { return "text of \(message.segments) parts, over the limit" }
            do {
                try await sms.send(to: e164, text: message)
                return nil
            } catch SMSError.permanent(let reason) {
                return reason
            }
        }
    }

    func deliver(_ letter: Letter, context: HandlerContext) async throws {
        try await once(letter, channel: "email", context: context) { deliveryId in
            let (text, html) = try templates.render(letter.template, letter.model)
            let message = MailMessage(
                from: sender,
                to: letter.to,
                subject: letter.subject,
                text: text,
                html: html,
                messageId: "\(deliveryId.uuidString.lowercased())@mon-indemnisation.justice.gouv.fr"
            )
            do {
                try await mailer.send(message)
                return nil
            } catch SMTPError.permanent(let reason) {
                return reason
            }
        }
    }

    /// Hands the message over unless this event already did for this recipient, records it, and announces it.
    /// `handOver` gets the delivery's id (the Message-ID) and returns the provider's refusal for good, or nil when it
    /// accepted; a temporary refusal it throws is recorded and thrown again, so the event is retried.
    private func once(
        _ letter: Letter,
        channel: String,
        context: HandlerContext,
        handOver: (_ deliveryId: UUID) async throws -> String?
    ) async throws {
        let key = DeliveryLedger.Key(
            sourceEvent: context.envelope.messageId,
            template: letter.template,
            channel: channel,
            recipient: letter.to
        )
        let delivery = try await ledger.begin(key, claimId: letter.claimId)
        let metadata: Logger.Metadata = [
            "template": "\(letter.template)", "channel": "\(channel)", "attempts": "\(delivery.attempts)",
        ]
        if delivery.isSettled {
            context.logger.notice("message already handed over for this event: not sent again", metadata: metadata)
            return try await announce(delivery.id, letter, channel: channel, refusal: delivery.error, context: context)
        }
        let refusal: String?
        do {
            refusal = try await handOver(delivery.id)
        } catch {
            try await ledger.postpone(delivery.id, because: error)
            context.logger.warning("message not accepted for now: the event will be retried", metadata: metadata)
            throw error
        }
        try await ledger.settle(delivery.id, refusal: refusal)
        FaultPoint.hit("delivery.after_record")
        context.logger.info(
            refusal == nil ? "message sent" : "message refused by the provider",
            metadata: metadata
        )
        try await announce(delivery.id, letter, channel: channel, refusal: refusal, context: context)
    }

    /// `NotificationSent`, or `NotificationFailed` when the provider refused the message for good.
    private func announce(_ id: UUID, _ letter: Letter, channel: String, refusal: String?, context: HandlerContext)
        async throws
    {
        let now = Date()
        if let refusal {
            try await context.outbox.append(
                NotificationFailed(
                    notificationId: id,
                    claimId: letter.claimId,
                    template: letter.template,
                    channel: channel,
                    reason: refusal,
                    failedAt: now,
                    audience: letter.audience
                )
            )
        } else {
            try await context.outbox.append(
                NotificationSent(
                    notificationId: id,
                    claimId: letter.claimId,
                    template: letter.template,
                    channel: channel,
                    sentAt: now,
                    audience: letter.audience
                )
            )
        }
    }
}
