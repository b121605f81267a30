import Contracts
import Foundation
import PostgresNIO

/// Appends events to the outbox inside the caller's transaction, so they commit with the state change or not at all.
package struct OutboxWriter: Sendable {
    package let producer: String
    package let connection: PostgresConnection
    package let context: MessageContext
    package let logger: Logger

    package init(producer: String, connection: PostgresConnection, context: MessageContext, logger: Logger) {
        self.producer = producer
        self.connection = connection
        self.context = context
        self.logger = logger
    }

    /// Records `event` for publication once the surrounding transaction commits.
    @discardableResult
    package func append<E: EventContract>(_ event: E, messageId: UUID = UUID(), at date: Date = Date()) async throws
        -> Envelope
    {
        let body = Array(try ContractCoding.encoder().encode(event))
        let envelope = Envelope(
            messageId: messageId,
            eventName: E.eventName,
            version: E.version,
            occurredAt: date,
            producer: producer,
            correlationId: context.correlationId,
            causationId: context.causationId,
            traceparent: context.traceparent,
            body: body
        )
        try await append(envelope)
        return envelope
    }

    /// Records an already built envelope (replays and tests).
    package func append(_ envelope: Envelope) async throws {
        let payload = String(decoding: envelope.body, as: UTF8.self)
        try await connection.query(
            """
            INSERT INTO outbox (message_id, event_name, event_version, occurred_at, producer,
                                correlation_id, causation_id, traceparent, payload)
            VALUES (\(envelope.messageId), \(envelope.eventName), \(envelope.version), \(envelope.occurredAt),
                    \(envelope.producer), \(envelope.correlationId), \(envelope.causationId),
                    \(envelope.traceparent), \(payload))
            """,
            logger: logger
        )
    }
}
