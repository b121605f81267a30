/// Names of the exchanges and queues, declared by code at start-up (DESIGN.md §3).
package struct Topology: Sendable, Equatable {
    /// Optional prefix isolating a test run's exchanges and queues from every other.
    package var namespace: String
    /// Deliveries of one message before the broker dead-letters it.
    package var deliveryLimit: Int
    /// Ready messages a business queue holds before it refuses publishes (`reject-publish`).
    package var maxLength: Int
    /// How long a consumer may take over one delivery before handing it back to its queue.
    package var handlerDeadline: Duration

    package init(
        namespace: String = "",
        deliveryLimit: Int = 5,
        maxLength: Int = 1_000_000,
        handlerDeadline: Duration = .seconds(60)
    ) {
        self.namespace = namespace
        self.deliveryLimit = deliveryLimit
        self.maxLength = maxLength
        self.handlerDeadline = handlerDeadline
    }

    private func named(_ name: String) -> String { namespace.isEmpty ? name : "\(namespace).\(name)" }

    /// The durable topic exchange every event is published to.
    package var eventsExchange: String { named("mij.events") }
    /// The exchange that receives dead-lettered messages, routed by consumer name.
    package var deadLetterExchange: String { named("mij.dead") }
    /// The quorum queue a consuming service reads.
    package func queue(for consumer: String) -> String { named("\(consumer).events") }
    /// Where a consumer's poison messages are parked for an operator.
    package func deadLetterQueue(for consumer: String) -> String { named("\(consumer).dead") }
}
