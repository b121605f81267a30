import Foundation
import Logging

/// Parks a poison message in its consumer's dead-letter queue with the reason it was refused.
package struct DeadLetterPublisher: Sendable {
    private let publisher: any MessagePublisher
    private let topology: Topology
    private let logger: Logger

    package init(publisher: any MessagePublisher, topology: Topology, logger: Logger) {
        self.publisher = publisher
        self.topology = topology
        self.logger = logger
    }

    /// Publishes a copy to the dead-letter exchange; true only once the broker has confirmed it.
    package func park(_ message: TransportMessage, consumer: String, reason: String) async -> Bool {
        var copy = message
        copy.routingKey = consumer
        copy.type = message.type ?? message.routingKey
        copy.headers[EnvelopeHeader.deadReason] = String(reason.prefix(500))
        do {
            let outcomes = try await publisher.publish([copy], to: topology.deadLetterExchange)
            return outcomes == [.confirmed]
        } catch {
            logger.warning("dead-letter publish failed", metadata: ["error": "\(error)"])
            return false
        }
    }
}
