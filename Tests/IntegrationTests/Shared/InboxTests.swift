import AMQP
import Contracts
import Foundation
import Messaging
import ServiceKit
import Synchronization
import Testing
import TestSupport

@testable import Instruction

/// The consumer side with real servers: duplicates have one effect, poison messages are parked with a reason.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct InboxTests {
    private static func envelope(_ event: ClaimSubmitted, id: UUID = UUID()) throws -> Envelope {
        Envelope(
            messageId: id, eventName: ClaimSubmitted.eventName, version: ClaimSubmitted.version, occurredAt: Date(),
            producer: "intake", correlationId: UUID(), causationId: nil, traceparent: nil,
            body: Array(try ContractCoding.encoder().encode(event))
        )
    }

    @Test func theSameMessageDeliveredTenTimesHasOneEffect() async throws {
        let database = try await TestDatabase.create(migrations: ["instruction": try InstructionService.allMigrations()])
        let test = TestServices(database: database)
        let instruction = MessagingPlatform(settings: test.common("instruction"), logger: TestDatabase.logger)
        try await withRunningServices(instruction.services(subscriptions: InstructionSubscriptions.all())) {
            #expect(await eventually { try await test.admin.messageCount(queue: test.common("instruction").topology.queue(for: "instruction")) == 0 })
            let message = try Self.envelope(ClaimFixtures.submitted(number: 1)).transportMessage
            // Ten concurrent copies of one message id, as a relay retrying after crashes would produce.
            try await withThrowingTaskGroup(of: [PublishOutcome].self) { group in
                for _ in 0..<10 {
                    group.addTask { try await instruction.publisher.publish([message], to: test.common("instruction").topology.eventsExchange) }
                }
                for try await outcome in group { #expect(outcome == [.confirmed]) }
            }
            #expect(await eventually { try await test.admin.messageCount(queue: test.common("instruction").topology.queue(for: "instruction")) == 0 })
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(try await database.count("SELECT count(*) FROM instruction.claim") == 1)
        #expect(try await database.count("SELECT count(*) FROM instruction.inbox") == 1)
        try await database.drop()
    }

    @Test func poisonMessagesAreParkedWithTheirReasonWithoutBlockingOthers() async throws {
        let database = try await TestDatabase.create(migrations: ["instruction": try InstructionService.allMigrations()])
        let test = TestServices(database: database)
        let topology = test.common("instruction").topology
        let instruction = MessagingPlatform(settings: test.common("instruction"), logger: TestDatabase.logger)
        try await withRunningServices(instruction.services(subscriptions: InstructionSubscriptions.all())) {
            #expect(await eventually { try await test.admin.messageCount(queue: topology.queue(for: "instruction")) == 0 })
            var notJSON = try Self.envelope(ClaimFixtures.submitted(number: 0)).transportMessage
            notJSON.body = Array("{ not json".utf8)
            var unknownVersion = try Self.envelope(ClaimFixtures.submitted(number: 0)).transportMessage
            unknownVersion.headers[EnvelopeHeader.eventVersion] = "9"
            let valid = try (1...40).map { try Self.envelope(ClaimFixtures.submitted(number: $0)).transportMessage }
            let outcomes = try await instruction.publisher.publish([notJSON, unknownVersion] + valid, to: topology.eventsExchange)
            #expect(outcomes.allSatisfy { $0 == .confirmed })
            #expect(await eventually { try await database.count("SELECT count(*) FROM instruction.claim") == 40 })
            #expect(await eventually { try await test.admin.messageCount(queue: topology.deadLetterQueue(for: "instruction")) == 2 })
        }
        let parked = try await DeadLetterReader.read(queue: topology.deadLetterQueue(for: "instruction"), count: 2)
        let reasons = parked.compactMap { $0.headers[EnvelopeHeader.deadReason] }.sorted()
        #expect(reasons.count == 2)
        #expect(reasons.contains { $0.hasPrefix("body does not decode") })
        #expect(reasons.contains { $0.contains("no handler for intake.claim-submitted.v9") })
        try await database.drop()
    }
}

/// Drains parked messages from a dead-letter queue (acking them) and returns them.
enum DeadLetterReader {
    static func read(queue: String, count: Int) async throws -> [TransportMessage] {
        let consumer = AMQPConsumer(settings: try AMQPSettings(url: TestEnvironment.amqpURL), queue: queue, logger: TestDatabase.logger)
        let received = Mutex<[TransportMessage]>([])
        let task = Task {
            try await consumer.consume { delivery in
                received.withLock { $0.append(delivery.message) }
                consumer.ack(delivery)
            }
        }
        _ = await eventually { received.withLock { $0.count } >= count }
        task.cancel()
        try await task.value
        return received.withLock { $0 }
    }
}
