import Foundation
import Messaging

/// Declares the topology and answers operator questions (queue depth) on a short-lived connection,
/// run on a dedicated thread because rabbitmq-c calls block.
package struct AMQPAdmin: Sendable {
    package let settings: AMQPSettings
    package let topology: Topology

    package init(settings: AMQPSettings, topology: Topology) {
        self.settings = settings
        self.topology = topology
    }

    /// Declares the exchanges, then the consumer's quorum queue bound to `routingKeys` and its dead-letter queue.
    /// Idempotent; the queue arguments must never change once a queue exists (the broker refuses with 406).
    package func declare(consumer: String?, routingKeys: [String]) async throws {
        try await onDedicatedThread { connection in
            try connection.declareExchange(topology.eventsExchange, type: "topic")
            try connection.declareExchange(topology.deadLetterExchange, type: "direct")
            guard let consumer else { return }
            let deadQueue = topology.deadLetterQueue(for: consumer)
            try connection.declareQueue(deadQueue, arguments: [("x-queue-type", .string("quorum"))])
            try connection.bind(queue: deadQueue, exchange: topology.deadLetterExchange, routingKey: consumer)
            let queue = topology.queue(for: consumer)
            try connection.declareQueue(queue, arguments: queueArguments(consumer: consumer))
            for key in routingKeys {
                try connection.bind(queue: queue, exchange: topology.eventsExchange, routingKey: key)
            }
        }
    }

    /// Ready messages in a queue.
    package func messageCount(queue: String) async throws -> Int {
        try await onDedicatedThread { try $0.depth(queue: queue).messages }
    }

    /// Consumers attached to a queue: a consumer attaches only once its queue is declared and bound.
    package func consumerCount(queue: String) async throws -> Int {
        try await onDedicatedThread { try $0.depth(queue: queue).consumers }
    }

    /// Deletes a test namespace's queues and exchanges.
    package func delete(queues: [String], exchanges: [String]) async throws {
        try await onDedicatedThread { connection in
            for queue in queues { try connection.deleteQueue(queue) }
            for exchange in exchanges { try connection.deleteExchange(exchange) }
        }
    }

    /// Broker reachability for readiness checks.
    package func ping() async throws {
        try await onDedicatedThread { _ in }
    }

    private func queueArguments(consumer: String) -> [(String, CBuffers.FieldValue)] {
        [
            ("x-queue-type", .string("quorum")),
            ("x-dead-letter-exchange", .string(topology.deadLetterExchange)),
            ("x-dead-letter-routing-key", .string(consumer)),
            ("x-dead-letter-strategy", .string("at-least-once")),
            ("x-overflow", .string("reject-publish")),
            ("x-delivery-limit", .int(topology.deliveryLimit)),
            ("x-max-length", .int(topology.maxLength)),
        ]
    }

    private func onDedicatedThread<T: Sendable>(_ work: @escaping @Sendable (RawConnection) throws -> T) async throws
        -> T
    {
        let settings = settings
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                let connection: RawConnection
                do { connection = try RawConnection(settings: settings) } catch {
                    return continuation.resume(throwing: error)
                }
                do {
                    let result = try work(connection)
                    connection.close()
                    continuation.resume(returning: result)
                } catch {
                    connection.abandon()  // the broker may already have closed the channel
                    continuation.resume(throwing: error)
                }
            }
            thread.start()
        }
    }
}
