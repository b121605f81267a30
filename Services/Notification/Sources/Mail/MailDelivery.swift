import Contracts
import Crypto
import Foundation
import Messaging
import Persistence
import PostgresNIO
import WebUI

/// Sends one templated e-mail on behalf of an event handler: renders it, hands it to the relay, logs the
/// delivery (recipient hashed) and publishes `NotificationSent`, or `NotificationFailed` when the relay
/// refuses it for good. Transient relay failures are thrown, so the event is retried.
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
        let message = SMSText(text)
        let refusal: String?
        if let e164 = PhoneNumber.e164(number), !message.isTooLong {
            do {
                try await sms.send(to: e164, text: message)
                refusal = nil
            } catch SMSError.permanent(let reason) {
                refusal = reason
            }
        } else {
            refusal = message.isTooLong ? "text of \(message.segments) parts, over the limit" : "not a telephone number"
        }
        try await log(UUID(), letter, channel: "sms", refusal: refusal, context: context)
    }

    func deliver(_ letter: Letter, context: HandlerContext) async throws {
        let deliveryId = UUID()
        let (text, html) = try templates.render(letter.template, letter.model)
        let message = MailMessage(
            from: sender,
            to: letter.to,
            subject: letter.subject,
            text: text,
            html: html,
            messageId: "\(deliveryId.uuidString.lowercased())@mon-indemnisation.justice.gouv.fr"
        )
        let refusal: String?
        do {
            try await mailer.send(message)
            refusal = nil
        } catch SMTPError.permanent(let reason) {
            refusal = reason
        }
        try await log(deliveryId, letter, channel: "email", refusal: refusal, context: context)
    }

    /// Logs the delivery and announces it: `NotificationSent`, or `NotificationFailed` when the provider refused
    /// the message for good.
    private func log(_ id: UUID, _ letter: Letter, channel: String, refusal: String?, context: HandlerContext)
        async throws
    {
        let now = Date()
        try await record(
            id,
            letter,
            channel: channel,
            status: refusal == nil ? "sent" : "failed",
            error: refusal,
            context: context
        )
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

    private func record(
        _ id: UUID,
        _ letter: Letter,
        channel: String,
        status: String,
        error: String?,
        context: HandlerContext
    ) async throws {
        let recipientHash = SHA256.hash(data: Data(letter.to.lowercased().utf8)).hex
        try await context.connection.query(
            """
            INSERT INTO delivery (id, source_event_id, template, channel, claim_id, recipient_sha256, status, error)
            VALUES (\(id), \(context.envelope.messageId), \(letter.template), \(channel), \(letter.claimId), \(recipientHash),
                    \(status), \(error))
            """,
            logger: context.logger
        )
    }
}
