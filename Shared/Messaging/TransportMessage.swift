/// One message as a broker sees it: routing key, the few AMQP properties we use, string headers and the body.
package struct TransportMessage: Sendable, Equatable {
    package var routingKey: String
    package var messageId: String
    package var correlationId: String?
    /// AMQP `app_id`: the producing service.
    package var appId: String?
    /// AMQP `type`: the routing key of the contract, kept even when the message is dead-lettered.
    package var type: String?
    package var headers: [String: String]
    package var body: [UInt8]

    package init(
        routingKey: String,
        messageId: String,
        correlationId: String? = nil,
        appId: String? = nil,
        type: String? = nil,
        headers: [String: String] = [:],
        body: [UInt8]
    ) {
        self.routingKey = routingKey
        self.messageId = messageId
        self.correlationId = correlationId
        self.appId = appId
        self.type = type
        self.headers = headers
        self.body = body
    }
}

/// The broker's verdict on one published message.
package enum PublishOutcome: Sendable, Equatable {
    /// `basic.ack`: the broker owns the message.
    case confirmed
    /// `basic.nack`: the broker refused it (e.g. a full queue with `reject-publish`).
    case rejected
    /// `basic.return`: no queue was bound for its routing key (published as mandatory).
    case unroutable
}

/// Publishes messages with publisher confirms; the only proof that the broker owns a message.
package protocol MessagePublisher: Sendable {
    /// Publishes every message to `exchange` and returns each one's outcome, in order.
    /// Throws when the connection fails: the outcome of every message is then unknown.
    func publish(_ messages: [TransportMessage], to exchange: String) async throws -> [PublishOutcome]
}

/// One message received from a queue, to be settled exactly once with `ack` or `reject`.
package struct Delivery: Sendable {
    package var message: TransportMessage
    package var redelivered: Bool
    /// Earlier failed deliveries of this message (quorum queues' `x-delivery-count`).
    package var deliveryCount: Int
    package var deliveryTag: UInt64
    /// Connection generation the tag belongs to: a tag from a closed connection is never sent.
    package var generation: Int

    package init(message: TransportMessage, redelivered: Bool, deliveryCount: Int, deliveryTag: UInt64, generation: Int) {
        self.message = message
        self.redelivered = redelivered
        self.deliveryCount = deliveryCount
        self.deliveryTag = deliveryTag
        self.generation = generation
    }
}

/// A queue to consume from, with manual settlement.
package protocol MessageSource: Sendable {
    /// Consumes until the task is cancelled, calling `handle` concurrently for up to `prefetch` deliveries.
    func consume(_ handle: @escaping @Sendable (Delivery) async -> Void) async throws
    /// Acknowledges a delivery after its effect has committed.
    func ack(_ delivery: Delivery)
    /// Rejects one delivery: requeued for another attempt, or dead-lettered when `requeue` is false.
    func reject(_ delivery: Delivery, requeue: Bool)
}
