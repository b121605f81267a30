import AMQP
import Foundation
import Logging
import Messaging
import Persistence
import PostgresNIO
import ServiceLifecycle

/// The messaging and database plumbing of one service, assembled once from its common settings.
package struct MessagingPlatform: Sendable {
    package let settings: CommonSettings
    package let client: PostgresClient
    package let publisher: AMQPPublisher
    package let admin: AMQPAdmin
    package let outbox: TransactionalOutbox
    package let metrics: MessagingMetrics
    private let signal: OutboxSignal
    private let logger: Logger

    package init(settings: CommonSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
        client = settings.database.makeClient(logger: logger)
        publisher = AMQPPublisher(settings: settings.amqp, logger: Logger(label: "\(settings.service).amqp"))
        admin = AMQPAdmin(settings: settings.amqp, topology: settings.topology)
        signal = OutboxSignal()
        outbox = TransactionalOutbox(producer: settings.service, client: client, signal: signal)
        metrics = MessagingMetrics(service: settings.service)
    }

    /// Database client, publisher, outbox relay and (when it subscribes to anything) the consumer and the watch on
    /// its queues' depths, in start order.
    package func services(subscriptions: [Subscription]) -> [any Service] {
        let relay = OutboxRelay(
            client: client,
            publisher: publisher,
            exchange: settings.topology.eventsExchange,
            signal: signal,
            metrics: metrics,
            logger: Logger(label: "\(settings.service).outbox")
        )
        let consumer = subscriptions.isEmpty ? nil : makeConsumer(subscriptions)
        let topology = TopologyThenConsume(
            admin: admin,
            consumer: consumer == nil ? nil : settings.service,
            routingKeys: subscriptions.map(\.routingKey),
            consume: consumer,
            logger: logger
        )
        let base: [any Service] = [client, PublisherLifecycle(publisher: publisher), relay, topology]
        guard consumer != nil else { return base }
        return base + [QueueDepthMonitor(admin: admin, service: settings.service, logger: logger)]
    }

    private func makeConsumer(_ subscriptions: [Subscription]) -> EventConsumer {
        let logger = Logger(label: "\(settings.service).consumer")
        return EventConsumer(
            consumer: settings.service,
            source: AMQPConsumer(
                settings: settings.amqp,
                queue: settings.topology.queue(for: settings.service),
                logger: logger
            ),
            deadLetters: DeadLetterPublisher(publisher: publisher, topology: settings.topology, logger: logger),
            outbox: outbox,
            subscriptions: subscriptions,
            deliveryLimit: settings.topology.deliveryLimit,
            handlerDeadline: settings.topology.handlerDeadline,
            metrics: metrics,
            logger: logger
        )
    }

    /// Readiness checks: the database and the broker.
    package var readinessChecks: [ReadinessCheck] {
        [
            ReadinessCheck(name: "database") { [client, logger] in try await client.ping(logger: logger) },
            ReadinessCheck(name: "broker") { [admin] in try await admin.ping() },
        ]
    }
}

/// Closes the publisher's connection once everything that publishes has stopped.
struct PublisherLifecycle: Service {
    let publisher: AMQPPublisher

    func run() async throws {
        try? await gracefulShutdown()
        await publisher.shutdown()
    }
}

/// Declares the exchanges and the service's queues (retrying while the broker is away), then consumes.
struct TopologyThenConsume: Service {
    let admin: AMQPAdmin
    let consumer: String?
    let routingKeys: [String]
    let consume: EventConsumer?
    let logger: Logger

    func run() async throws {
        var delay: Duration = .milliseconds(200)
        while !Task.isCancelledOrShuttingDown {
            do {
                try await admin.declare(consumer: consumer, routingKeys: routingKeys)
                break
            } catch {
                logger.warning("topology not declared yet", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(10))
            }
        }
        if let consume {
            try await consume.run()
        } else {
            try? await gracefulShutdown()
        }
    }
}

extension Task where Success == Never, Failure == Never {
    static var isCancelledOrShuttingDown: Bool { isCancelled || isShuttingDownGracefully }
}
