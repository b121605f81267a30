import Contracts
import Foundation
import Logging
import Messaging
import Persistence
import PostgresNIO

/// Notification's answer to a data protection request: whom it writes to about which claims and what it sent to
/// the address (access), or its log of messages to the address erased (erasure; the contact of a claim still being
/// examined is kept, to tell its claimant of the decision, and goes with the claim's retention).
struct SubjectRequestHandler: EventHandler {
    /// What the access answer gives of each table (notification has no other).
    static let inventory = PersonalDataInventory(
        reported: [
            // The agent's name and address are the agent's data, not the claimant's.
            "claim_contact": ["assignee_name", "assignee_email"],
            "delivery": ["recipient_sha256"],
        ],
        notReported: [:]
    )

    /// The claims this address is the claimant's of, and the messages sent to it, as the access answer gives them.
    static func access(_ email: String, on connection: PostgresConnection, logger: Logger) async throws
        -> (records: Int, data: String)
    {
        let address = email.lowercased()
        var contacts: [String] = []
        let contactRows = try await connection.query(
            """
            SELECT \(unescaped: inventory.row("claim_contact", as: "c"))::text FROM claim_contact c
            WHERE lower(c.claimant_email) = \(address)
            """,
            logger: logger
        )
        for try await json in contactRows.decode(String.self) { contacts.append(json) }
        var messages: [String] = []
        let messageRows = try await connection.query(
            """
            SELECT \(unescaped: inventory.row("delivery", as: "d"))::text FROM delivery d
            WHERE d.recipient_sha256 = \(DeliveryLedger.recipientHash(address)) ORDER BY d.created_at
            """,
            logger: logger
        )
        for try await json in messageRows.decode(String.self) { messages.append(json) }
        let data = """
            {"claim_contacts":[\(contacts.joined(separator: ","))],"messages":[\(messages.joined(separator: ","))]}
            """
        return (contacts.count + messages.count, data)
    }

    func handle(_ event: SubjectRequestOpened, context: HandlerContext) async throws {
        let email = event.email.lowercased()
        var records = 0
        let data: String
        switch event.kind {
        case .access:
            (records, data) = try await Self.access(email, on: context.connection, logger: context.logger)
        case .erasure:
            records = try await context.connection.affectedRows(
                "DELETE FROM delivery WHERE recipient_sha256 = \(DeliveryLedger.recipientHash(email))",
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
