import Contracts
import Foundation

/// A contract with its metadata: ids, causality and trace context. Maps to AMQP properties and headers.
package struct Envelope: Sendable, Equatable {
    package var messageId: UUID
    package var eventName: String
    package var version: Int
    package var occurredAt: Date
    package var producer: String
    package var correlationId: UUID
    package var causationId: UUID?
    /// W3C trace context of the request or message that caused this one.
    package var traceparent: String?
    /// The contract's JSON.
    package var body: [UInt8]

    package var routingKey: String { "\(eventName).v\(version)" }

    package init(
        messageId: UUID,
        eventName: String,
        version: Int,
        occurredAt: Date,
        producer: String,
        correlationId: UUID,
        causationId: UUID?,
        traceparent: String?,
        body: [UInt8]
    ) {
        self.messageId = messageId
        self.eventName = eventName
        self.version = version
        self.occurredAt = occurredAt
        self.producer = producer
        self.correlationId = correlationId
        self.causationId = causationId
        self.traceparent = traceparent
        self.body = body
    }

    /// Decodes the body as the given contract.
    package func decode<E: EventContract>(_ type: E.Type) throws -> E {
        try ContractCoding.decoder().decode(type, from: Data(body))
    }
}

// MARK: - Transport mapping

/// Header names carried on every message.
package enum EnvelopeHeader {
    package static let eventName = "event-name"
    package static let eventVersion = "event-version"
    package static let occurredAt = "occurred-at"
    package static let causationId = "causation-id"
    package static let traceparent = "traceparent"
    package static let deadReason = "x-mij-dead-reason"
}

/// Why a received message cannot be read as an envelope: always permanent.
package struct EnvelopeError: Error, CustomStringConvertible {
    package var description: String
}

extension Envelope {
    /// The message to publish.
    package var transportMessage: TransportMessage {
        var headers = [
            EnvelopeHeader.eventName: eventName,
            EnvelopeHeader.eventVersion: String(version),
            EnvelopeHeader.occurredAt: occurredAt.formatted(.iso8601),
        ]
        headers[EnvelopeHeader.causationId] = causationId?.uuidString.lowercased()
        headers[EnvelopeHeader.traceparent] = traceparent
        return TransportMessage(
            routingKey: routingKey,
            messageId: messageId.uuidString.lowercased(),
            correlationId: correlationId.uuidString.lowercased(),
            appId: producer,
            type: routingKey,
            headers: headers,
            body: body
        )
    }

    /// Reads an envelope back from a received message; throws `EnvelopeError` when metadata is missing.
    package init(_ message: TransportMessage) throws {
        func require(_ value: String?, _ name: String) throws -> String {
            guard let value, !value.isEmpty else { throw EnvelopeError(description: "missing \(name)") }
            return value
        }
        guard let messageId = UUID(uuidString: try require(message.messageId, "message_id")) else {
            throw EnvelopeError(description: "message_id is not a UUID")
        }
        guard let version = Int(try require(message.headers[EnvelopeHeader.eventVersion], "event-version")) else {
            throw EnvelopeError(description: "event-version is not an integer")
        }
        let occurredText = try require(message.headers[EnvelopeHeader.occurredAt], "occurred-at")
        guard let occurredAt = try? Date(occurredText, strategy: .iso8601) else {
            throw EnvelopeError(description: "occurred-at is not ISO-8601")
        }
        self.init(
            messageId: messageId,
            eventName: try require(message.headers[EnvelopeHeader.eventName], "event-name"),
            version: version,
            occurredAt: occurredAt,
            producer: message.appId ?? "unknown",
            correlationId: message.correlationId.flatMap(UUID.init(uuidString:)) ?? messageId,
            causationId: message.headers[EnvelopeHeader.causationId].flatMap(UUID.init(uuidString:)),
            traceparent: message.headers[EnvelopeHeader.traceparent],
            body: message.body
        )
    }
}
