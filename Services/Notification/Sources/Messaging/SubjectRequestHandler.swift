import Contracts
import Crypto
import Foundation
import Messaging
import Persistence
import PostgresNIO

/// Notification's answer to a data protection request: whom it writes to about which claims and what it sent to
/// the address (access), or its log of messages to the address erased (erasure; the contact of a claim still being
/// examined is kept, to tell its claimant of the decision, and goes with the claim's retention).
struct SubjectRequestHandler: EventHandler {
    func handle(_ event: SubjectRequestOpened, context: HandlerContext) async throws {
        let email = event.email.lowercased()
        let recipient = SHA256.hash(data: Data(email.utf8)).hex
        var records = 0
        let data: String
        switch event.kind {
        case .access:
            var parts: [String] = []
            let contacts = try await context.connection.query(
                """
                SELECT to_jsonb(c)::text FROM claim_contact c WHERE lower(c.claimant_email) = \(email)
                """,
                logger: context.logger
            )
            for try await json in contacts.decode(String.self) { parts.append(json) }
            let sent = try await context.connection.query(
                """
                SELECT jsonb_build_object('template', template, 'channel', channel, 'claim_id', claim_id,
                                          'status', status, 'at', last_attempt_at)::text
                FROM delivery WHERE recipient_sha256 = \(recipient) ORDER BY created_at
                """,
                logger: context.logger
            )
            var messages: [String] = []
            for try await json in sent.decode(String.self) { messages.append(json) }
            records = parts.count + messages.count
            data =
                "{\"claim_contacts\":[\(parts.joined(separator: ","))],\"messages\":[\(messages.joined(separator: ","))]}"
        case .erasure:
            records = try await context.connection.affectedRows(
                "DELETE FROM delivery WHERE recipient_sha256 = \(recipient)",
                logger: context.logger
            )
            data = "{\"messages_erased\":\(records)}"
        }
        try await context.outbox.append(
            NotificationSubjectReport(
                report: .init(requestId: event.requestId, records: records, data: data, reportedAt: Date())
            )
        )
    }
}
