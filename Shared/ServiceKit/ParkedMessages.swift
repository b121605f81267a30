import AMQP
import Foundation
import Logging
import Messaging
import Synchronization

/// `<service> replay-parked [--dry-run]`: once the cause of a parking is fixed (a bug, a missing reference), puts
/// the messages this service parked back in its own queue — its own only: the other consumers of the events already
/// handled them. Each is acknowledged in the parking queue once the broker has confirmed its copy, so none is lost
/// if the command dies; the inbox makes a second copy of a handled message harmless. The messages parked when the
/// command starts are replayed, no more: one parked again while it runs waits for the next replay.
package struct ParkedMessages: Sendable {
    let settings: CommonSettings
    let logger: Logger

    package init(settings: CommonSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// How many messages wait in the parking queue; with `dryRun`, nothing else happens. Otherwise how many were
    /// put back (fewer than waiting only when the broker refused a copy or the timeout passed).
    package func replay(dryRun: Bool, timeout: Duration = .seconds(60)) async throws -> (waiting: Int, replayed: Int) {
        let topology = settings.topology
        let parking = topology.deadLetterQueue(for: settings.service)
        let waiting = try await AMQPAdmin(settings: settings.amqp, topology: topology).messageCount(queue: parking)
        guard !dryRun, waiting > 0 else { return (waiting, 0) }
        let publisher = AMQPPublisher(settings: settings.amqp, logger: logger)
        let consumer = AMQPConsumer(settings: settings.amqp, queue: parking, logger: logger)
        let queue = topology.queue(for: settings.service)
        let counts = Mutex((taken: 0, replayed: 0))
        let consuming = Task {
            try await consumer.consume { delivery in
                let taken = counts.withLock { state in
                    guard state.taken < waiting else { return false }
                    state.taken += 1
                    return true
                }
                guard taken else { return consumer.reject(delivery, requeue: true) }
                var message = delivery.message
                message.routingKey = queue
                message.headers[EnvelopeHeader.deadReason] = nil
                if (try? await publisher.publish([message], to: "")) == [.confirmed] {
                    counts.withLock { $0.replayed += 1 }
                    consumer.ack(delivery)
                } else {
                    counts.withLock { $0.taken -= 1 }
                    consumer.reject(delivery, requeue: true)
                }
            }
        }
        let deadline = ContinuousClock.now + timeout
        while counts.withLock({ $0.replayed }) < waiting, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        consuming.cancel()
        try await consuming.value
        await publisher.shutdown()
        let replayed = counts.withLock { $0.replayed }
        logger.notice("parked messages replayed", metadata: ["waiting": "\(waiting)", "replayed": "\(replayed)"])
        return (waiting, replayed)
    }
}
