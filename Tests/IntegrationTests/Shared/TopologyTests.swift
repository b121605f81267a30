import AMQP
import Foundation
import Messaging
import ServiceKit
import TestSupport
import Testing

@testable import Instruction

/// The broker's view of what the code declares (reliability.md §4 A.12).
@Suite(.enabled(if: TestEnvironment.serversAvailable && TestEnvironment.serversDirectory != nil))
struct TopologyTests {
    @Test func businessQueuesAreQuorumWithDeadLetteringAndLimits() async throws {
        let test = TestServices(database: try await TestDatabase.create(migrations: [:]))
        let topology = test.common("instruction").topology
        try await test.admin.declare(
            consumer: "instruction",
            routingKeys: InstructionSubscriptions.all().map(\.routingKey)
        )
        let output = try ServerControl.rabbitmqctlOutput(
            "list_queues",
            "name",
            "type",
            "arguments",
            "--formatter",
            "json"
        )
        let queues = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        let business = try #require(queues.first { $0["name"] as? String == topology.queue(for: "instruction") })
        #expect(business["type"] as? String == "quorum")
        // rabbitmqctl lists arguments as [name, type, value] triples.
        let triples = try #require(business["arguments"] as? [[Any]])
        let arguments = Dictionary(
            uniqueKeysWithValues: triples.compactMap { triple in
                (triple.first as? String).map { ($0, triple.last as Any) }
            }
        )
        #expect(arguments["x-dead-letter-exchange"] as? String == topology.deadLetterExchange)
        #expect(arguments["x-dead-letter-strategy"] as? String == "at-least-once")
        #expect(arguments["x-overflow"] as? String == "reject-publish")
        #expect(arguments["x-delivery-limit"] as? Int == topology.deliveryLimit)
        #expect(arguments["x-max-length"] as? Int == topology.maxLength)
        let parking = try #require(
            queues.first { $0["name"] as? String == topology.deadLetterQueue(for: "instruction") }
        )
        #expect(parking["type"] as? String == "quorum")
        // Declaring again is a no-op, not a conflict.
        try await test.admin.declare(
            consumer: "instruction",
            routingKeys: InstructionSubscriptions.all().map(\.routingKey)
        )
        try await test.admin.delete(
            queues: [topology.queue(for: "instruction"), topology.deadLetterQueue(for: "instruction")],
            exchanges: [topology.eventsExchange, topology.deadLetterExchange]
        )
        try await test.database.drop()
    }
}
