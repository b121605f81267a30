import AMQP
import Logging
import Messaging
import Metrics
import ServiceLifecycle

/// The consumer's lag and its parked messages as gauges (`consumer_queue_messages`, `dead_letter_queue_messages`,
/// labelled by service), read from the broker every `interval`: what the alerts of infra/prometheus watch.
struct QueueDepthMonitor: Service {
    let admin: AMQPAdmin
    let service: String
    let logger: Logger
    var interval: Duration = .seconds(15)

    func run() async throws {
        let labels = [("service", service)]
        let waiting = Gauge(label: "consumer_queue_messages", dimensions: labels)
        let parked = Gauge(label: "dead_letter_queue_messages", dimensions: labels)
        // The queues are declared as the consumer starts: the first reading waits for them.
        await cancelWhenGracefulShutdown { try? await Task.sleep(for: .seconds(5)) }
        await repeatUntilShutdown(every: interval, logger: logger, failure: "queue depths not read") {
            waiting.record(try await admin.messageCount(queue: admin.topology.queue(for: service)))
            parked.record(try await admin.messageCount(queue: admin.topology.deadLetterQueue(for: service)))
        }
    }
}
