import Crypto
import Foundation
import Logging
import Persistence
import PostgresNIO

/// The delivery log: one row per event, template, channel and recipient (stored as a SHA-256 only), written in the
/// service's own database outside the handler's transaction. A message is logged `sending` before it is handed
/// over, and settled `sent` or `failed` as soon as the provider answered; a temporary refusal leaves it `retrying`.
struct DeliveryLedger: Sendable {
    struct Key {
        var sourceEvent: UUID
        var template: String
        var channel: String
        var recipient: String

        var recipientHash: String { DeliveryLedger.recipientHash(recipient) }
    }

    /// A row of the log.
    struct Delivery {
        /// Also the message's Message-ID, the same on every attempt.
        var id: UUID
        var status: String
        /// The provider's last refusal, temporary or for good.
        var error: String?
        var attempts: Int

        /// Sent or refused for good: never handed over again for the same event.
        var isSettled: Bool { status == "sent" || status == "failed" }
    }

    let client: PostgresClient
    let logger: Logger

    /// How the log keys a recipient (an e-mail address or a phone number): its SHA-256, never the address itself.
    static func recipientHash(_ recipient: String) -> String {
        SHA256.hash(data: Data(recipient.lowercased().utf8)).hex
    }

    /// Counts one more attempt at this message, logged before it is handed over; the row as it stands, settled
    /// when an earlier attempt already got the provider's answer (then nothing is to be sent).
    func begin(_ key: Key, claimId: UUID?) async throws -> Delivery {
        let rows = try await client.query(
            """
            INSERT INTO delivery (id, source_event_id, template, channel, claim_id, recipient_sha256, status)
            VALUES (\(UUID()), \(key.sourceEvent), \(key.template), \(key.channel), \(claimId), \(key.recipientHash),
                    'sending')
            ON CONFLICT (source_event_id, template, channel, recipient_sha256) DO UPDATE
                SET status = 'sending', attempts = delivery.attempts + 1, last_attempt_at = now()
                WHERE delivery.status IN ('sending', 'retrying')
            RETURNING id, status, error, attempts
            """,
            logger: logger
        )
        if let begun = try await Self.first(rows) { return begun }
        let settled = try await client.query(
            """
            SELECT id, status, error, attempts FROM delivery
            WHERE source_event_id = \(key.sourceEvent) AND template = \(key.template) AND channel = \(key.channel)
              AND recipient_sha256 = \(key.recipientHash)
            """,
            logger: logger
        )
        guard let row = try await Self.first(settled) else { throw LostRow() }
        return row
    }

    /// Settles a delivery: sent (`refusal` nil) or refused for good.
    func settle(_ id: UUID, refusal: String?) async throws {
        try await client.query(
            """
            UPDATE delivery SET status = \(refusal == nil ? "sent" : "failed"), error = \(refusal),
                last_attempt_at = now()
            WHERE id = \(id)
            """,
            logger: logger
        )
    }

    /// A temporary refusal: the event will be retried.
    func postpone(_ id: UUID, because error: any Error) async throws {
        let reason = String(String(describing: error).prefix(500))
        try await client.query(
            "UPDATE delivery SET status = 'retrying', error = \(reason) WHERE id = \(id)",
            logger: logger
        )
    }

    private static func first(_ rows: PostgresRowSequence) async throws -> Delivery? {
        for try await (id, status, error, attempts) in rows.decode((UUID, String, String?, Int).self) {
            return Delivery(id: id, status: status, error: error, attempts: attempts)
        }
        return nil
    }

    private struct LostRow: Error, CustomStringConvertible {
        var description: String { "the delivery log's row vanished between two statements" }
    }
}
