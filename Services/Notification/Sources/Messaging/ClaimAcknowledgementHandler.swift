import Contracts
import Crypto
import Foundation
import Messaging
import PostgresNIO

/// Sends the claimant the acknowledgement of receipt of a submitted claim, logs the delivery and
/// publishes `NotificationSent` (or `NotificationFailed` when the relay refuses it for good).
struct ClaimAcknowledgementHandler: EventHandler {
    static let template = "claim-acknowledgement"

    let mailer: any Mailer
    let templates: MailTemplates
    let sender: String
    let publicBaseURL: String

    func handle(_ event: ClaimSubmitted, context: HandlerContext) async throws {
        let deliveryId = UUID()
        let parisDay = Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: "fr_FR"), timeZone: TimeZone(identifier: "Europe/Paris") ?? .gmt)
        let doorBreakDay = (try? Date(event.doorBreak.date, strategy: Date.ISO8601FormatStyle().year().month().day()))
        let model = AcknowledgementModel(
            firstName: event.claimant.firstName,
            lastName: event.claimant.lastName,
            reference: event.reference,
            doorBreakDate: doorBreakDay?.formatted(parisDay) ?? event.doorBreak.date,
            submittedOn: event.submittedAt.formatted(parisDay),
            trackingURL: "\(publicBaseURL)/"
        )
        let (text, html) = try templates.render(Self.template, model)
        let message = MailMessage(
            from: sender,
            to: event.claimant.email,
            subject: "Accusé de réception de votre demande \(event.reference)",
            text: text,
            html: html,
            messageId: "\(deliveryId.uuidString.lowercased())@mon-indemnisation.justice.gouv.fr"
        )
        let now = Date()
        do {
            try await mailer.send(message)
        } catch SMTPError.permanent(let reason) {
            try await record(deliveryId, event, status: "failed", error: reason, context: context)
            try await context.outbox.append(
                NotificationFailed(
                    notificationId: deliveryId, claimId: event.claimId, template: Self.template, channel: "email",
                    reason: reason, failedAt: now
                )
            )
            context.logger.warning("acknowledgement refused by the relay", metadata: ["claim.id": "\(event.claimId)"])
            return
        }
        try await record(deliveryId, event, status: "sent", error: nil, context: context)
        try await context.outbox.append(
            NotificationSent(notificationId: deliveryId, claimId: event.claimId, template: Self.template, channel: "email", sentAt: now)
        )
        context.logger.info("acknowledgement sent", metadata: ["claim.id": "\(event.claimId)"])
    }

    private func record(_ id: UUID, _ event: ClaimSubmitted, status: String, error: String?, context: HandlerContext) async throws {
        let recipientHash = SHA256.hash(data: Data(event.claimant.email.lowercased().utf8)).map { String(format: "%02x", $0) }.joined()
        try await context.connection.query(
            """
            INSERT INTO delivery (id, source_event_id, template, channel, claim_id, recipient_sha256, status, error)
            VALUES (\(id), \(context.envelope.messageId), \(Self.template), 'email', \(event.claimId), \(recipientHash),
                    \(status), \(error))
            """,
            logger: context.logger
        )
    }
}
