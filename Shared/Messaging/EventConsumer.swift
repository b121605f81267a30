import Foundation
import Logging
import Metrics
import PostgresNIO
import ServiceLifecycle

/// Consumes a service's queue: inbox dedup and effect in one transaction, ack after commit,
/// retries with backoff for transient failures (and for a handling past its deadline), dead-lettering with a
/// reason for permanent ones.
package struct EventConsumer: Service {
    private let consumer: String
    private let source: any MessageSource
    private let deadLetters: DeadLetterPublisher
    private let outbox: TransactionalOutbox
    private let handlers: [String: Subscription]
    private let deliveryLimit: Int
    private let handlerDeadline: Duration
    private let metrics: MessagingMetrics
    private let logger: Logger

    package init(
        consumer: String,
        source: any MessageSource,
        deadLetters: DeadLetterPublisher,
        outbox: TransactionalOutbox,
        subscriptions: [Subscription],
        deliveryLimit: Int,
        handlerDeadline: Duration = .seconds(60),
        metrics: MessagingMetrics,
        logger: Logger
    ) {
        self.consumer = consumer
        self.source = source
        self.deadLetters = deadLetters
        self.outbox = outbox
        self.handlers = Dictionary(subscriptions.map { ($0.routingKey, $0) }, uniquingKeysWith: { first, _ in first })
        self.deliveryLimit = deliveryLimit
        self.handlerDeadline = handlerDeadline
        self.metrics = metrics
        self.logger = logger
    }

    package func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await source.consume { delivery in await process(delivery) }
        }
    }

    /// Handles one delivery to the end: exactly one of ack, retry (reject + requeue) or dead-letter.
    package func process(_ delivery: Delivery) async {
        var logger = logger
        logger[metadataKey: "event.id"] = "\(delivery.message.messageId)"
        logger[metadataKey: "event.name"] = "\(delivery.message.routingKey)"
        let envelope: Envelope
        do {
            envelope = try Envelope(delivery.message)
        } catch {
            return await deadLetter(delivery, reason: "invalid envelope: \(error)", logger: logger)
        }
        guard let subscription = handlers[envelope.routingKey] else {
            return await deadLetter(delivery, reason: "no handler for \(envelope.routingKey)", logger: logger)
        }
        logger[metadataKey: "correlation.id"] = "\(envelope.correlationId)"
        do {
            // A handling that never answers (a query on a dead connection) would hold its message for good: past the
            // deadline the message is handed back; should that handling commit after all, its inbox row makes the
            // redelivery a no-op.
            let isNew = try await withDeadline(handlerDeadline) { [logger] in
                try await applyOnce(envelope, subscription, logger: logger)
            }
            if isNew { metrics.consumedProcessed.increment() } else { metrics.inboxDuplicates.increment() }
            FaultPoint.hit("consumer.after_commit_before_ack")
            source.ack(delivery)
        } catch let error as PermanentHandlerError {
            await deadLetter(delivery, reason: error.description, logger: logger)
        } catch {
            await retryLater(delivery, error: error, logger: logger)
        }
    }

    // The inbox row and the handler's effect commit together: a duplicate finds the row and does nothing.
    private func applyOnce(_ envelope: Envelope, _ subscription: Subscription, logger: Logger) async throws -> Bool {
        let hooks = CommitHooks()
        let isNew = try await outbox.transaction(context: MessageContext(causedBy: envelope), logger: logger) {
            connection,
            writer in
            let inserted = try await connection.query(
                """
                INSERT INTO inbox (consumer, message_id, event_name) VALUES (\(consumer), \(envelope.messageId), \(envelope.routingKey))
                ON CONFLICT DO NOTHING RETURNING 1
                """,
                logger: logger
            )
            var isNew = false
            for try await _ in inserted { isNew = true }
            guard isNew else { return false }
            FaultPoint.hit("consumer.inside_transaction")
            let context = HandlerContext(
                envelope: envelope,
                connection: connection,
                outbox: writer,
                logger: logger,
                commitHooks: hooks
            )
            try await subscription.handle(envelope, context)
            return true
        }
        hooks.run()
        return isNew
    }

    private func retryLater(_ delivery: Delivery, error: any Error, logger: Logger) async {
        let attempt = delivery.deliveryCount + 1
        guard attempt < deliveryLimit else {
            return await deadLetter(delivery, reason: "gave up after \(attempt) attempts: \(error)", logger: logger)
        }
        metrics.consumerRetries.increment()
        logger.warning(
            "event handling failed, will retry",
            metadata: ["attempt": "\(attempt)", "error": "\(error)"]
        )
        // Exponential backoff with jitter before handing it back (replicas retrying together would hammer the same
        // failing dependency in step); other deliveries keep flowing meanwhile (no head-of-line blocking).
        let backoff = min(200 * (1 << min(attempt, 6)), 10_000)
        try? await Task.sleep(for: .milliseconds(backoff / 2 + Int.random(in: 0...(backoff / 2))))
        source.reject(delivery, requeue: true)
    }

    private func deadLetter(_ delivery: Delivery, reason: String, logger: Logger) async {
        metrics.deadLettered.increment()
        logger.error("event dead-lettered", metadata: ["reason": "\(reason)"])
        if await deadLetters.park(delivery.message, consumer: consumer, reason: reason) {
            source.ack(delivery)
        } else {
            // The broker's own dead-lettering still parks it, without our reason header.
            source.reject(delivery, requeue: false)
        }
    }
}
