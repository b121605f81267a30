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
/// A message is handed over at most once per event and recipient, across retries and restarts: the delivery is
/// recorded and committed at once, outside the handler's transaction, so when the event comes back (another
/// recipient of the same event failed, or the process died before its commit) what was sent is not sent again; only
/// its announcement is published again, the first one having been rolled back. What remains is the instant between
/// the provider's acceptance and that commit.
struct MailDelivery: Sendable {
    /// What to send and what it is about.
    struct Letter {
        var template: String
        var model: Any
        var to: String
        var subject: String
        var claimId: UUID?
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
        let letter = Letter(template: template, model: text, to: number, subject: "", claimId: claimId)
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
    /// `handOver` returns the provider's refusal for good, or nil when it accepted.
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
        if let earlier = try await ledger.recorded(key) {
            context.logger.notice(
                "message already handed over for this event: not sent again",
                metadata: ["template": "\(letter.template)", "channel": "\(channel)"]
            )
            return try await announce(earlier.id, letter, channel: channel, refusal: earlier.error, context: context)
        }
        let deliveryId = UUID()
        let refusal = try await handOver(deliveryId)
        let recorded = try await ledger.record(key, id: deliveryId, claimId: letter.claimId, refusal: refusal)
        try await announce(recorded, letter, channel: channel, refusal: refusal, context: context)
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
                    failedAt: now
                )
            )
            context.logger.warning(
                "message refused by the provider",
                metadata: ["template": "\(letter.template)", "channel": "\(channel)"]
            )
        } else {
            try await context.outbox.append(
                NotificationSent(
                    notificationId: id,
                    claimId: letter.claimId,
                    template: letter.template,
                    channel: channel,
                    sentAt: now
                )
            )
            context.logger.info("message sent", metadata: ["template": "\(letter.template)", "channel": "\(channel)"])
        }
    }
}

/// The delivery log: one row per event, template, channel and recipient (stored as a SHA-256 only), committed
/// as soon as the provider answered.
struct DeliveryLedger: Sendable {
    struct Key {
        var sourceEvent: UUID
        var template: String
        var channel: String
        var recipient: String

        var recipientHash: String { SHA256.hash(data: Data(recipient.lowercased().utf8)).hex }
    }

    let client: PostgresClient
    let logger: Logger

    /// A delivery already made for this key: its id and the provider's refusal, if it refused.
    func recorded(_ key: Key) async throws -> (id: UUID, error: String?)? {
        let rows = try await client.query(
            """
            SELECT id, error FROM delivery
            WHERE source_event_id = \(key.sourceEvent) AND template = \(key.template) AND channel = \(key.channel)
              AND recipient_sha256 = \(key.recipientHash)
            """,
            logger: logger
        )
        for try await (id, error) in rows.decode((UUID, String?).self) { return (id, error) }
        return nil
    }

    /// Records a delivery; the id of the row kept (an earlier one for the same key, if a concurrent attempt won).
    func record(_ key: Key, id: UUID, claimId: UUID?, refusal: String?) async throws -> UUID {
        let inserted = try await client.query(
            """
            INSERT INTO delivery (id, source_event_id, template, channel, claim_id, recipient_sha256, status, error)
            VALUES (\(id), \(key.sourceEvent), \(key.template), \(key.channel), \(claimId), \(key.recipientHash),
                    \(refusal == nil ? "sent" : "failed"), \(refusal))
            ON CONFLICT (source_event_id, template, channel, recipient_sha256) DO NOTHING
            RETURNING id
            """,
            logger: logger
        )
        for try await kept in inserted.decode(UUID.self) { return kept }
        return try await recorded(key)?.id ?? id
    }
}
