import Contracts
import Crypto
import Foundation
import Messaging
import Persistence
import PostgresNIO

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
    var sms: SMSGateway? = nil

    /// Sends one text message on behalf of an event handler, logged and announced like an e-mail.
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
        let deliveryId = UUID()
        let now = Date()
        let letter = Letter(template: template, model: text, to: number, subject: "", claimId: claimId)
        do {
            try await sms.send(to: number, text: text)
        } catch SMSError.permanent(let reason) {
            try await record(deliveryId, letter, channel: "sms", status: "failed", error: reason, context: context)
            try await context.outbox.append(
                NotificationFailed(
                    notificationId: deliveryId,
                    claimId: claimId,
                    template: template,
                    channel: "sms",
                    reason: reason,
                    failedAt: now
                )
            )
            context.logger.warning("SMS refused by the gateway", metadata: ["template": "\(template)"])
            return
        }
        try await record(deliveryId, letter, channel: "sms", status: "sent", error: nil, context: context)
        try await context.outbox.append(
            NotificationSent(
                notificationId: deliveryId,
                claimId: claimId,
                template: template,
                channel: "sms",
                sentAt: now
            )
        )
        context.logger.info("SMS sent", metadata: ["template": "\(template)"])
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
        let now = Date()
        do {
            try await mailer.send(message)
        } catch SMTPError.permanent(let reason) {
            try await record(deliveryId, letter, channel: "email", status: "failed", error: reason, context: context)
            try await context.outbox.append(
                NotificationFailed(
                    notificationId: deliveryId,
                    claimId: letter.claimId,
                    template: letter.template,
                    channel: "email",
                    reason: reason,
                    failedAt: now
                )
            )
            context.logger.warning("e-mail refused by the relay", metadata: ["template": "\(letter.template)"])
            return
        }
        try await record(deliveryId, letter, channel: "email", status: "sent", error: nil, context: context)
        try await context.outbox.append(
            NotificationSent(
                notificationId: deliveryId,
                claimId: letter.claimId,
                template: letter.template,
                channel: "email",
                sentAt: now
            )
        )
        context.logger.info("e-mail sent", metadata: ["template": "\(letter.template)"])
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
