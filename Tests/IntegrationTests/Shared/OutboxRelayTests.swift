import AMQP
import Contracts
import Foundation
import Messaging
import ServiceKit
import TestSupport
import Testing

@testable import Instruction
@testable import Intake

/// Outbox → RabbitMQ → inbox, with real servers: every committed event has exactly one effect downstream.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct OutboxRelayTests {
    // MARK: - Helpers

    private static func makeDatabase() async throws -> TestDatabase {
        try await TestDatabase.create(migrations: [
            "intake": try IntakeService.allMigrations(),
            "instruction": try InstructionService.allMigrations(),
        ])
    }

    /// Commits `count` ClaimSubmitted events in intake's outbox, `perTransaction` at a time.
    private static func commitEvents(_ count: Int, perTransaction: Int = 10, outbox: TransactionalOutbox) async throws {
        for start in stride(from: 0, to: count, by: perTransaction) {
            try await outbox.transaction(context: MessageContext(), logger: TestDatabase.logger) { _, writer in
                for index in start..<min(start + perTransaction, count) {
                    try await writer.append(ClaimFixtures.submitted(number: index))
                }
            }
        }
    }

    /// The producing (intake) and consuming (instruction) sides of one test.
    private static func platforms(_ test: TestServices) -> (intake: MessagingPlatform, instruction: MessagingPlatform) {
        (
            MessagingPlatform(settings: test.common("intake"), logger: TestDatabase.logger),
            MessagingPlatform(settings: test.common("instruction"), logger: TestDatabase.logger)
        )
    }

    // MARK: - Tests

    @Test func everyCommittedEventIsPublishedAndAppliedExactlyOnce() async throws {
        let database = try await Self.makeDatabase()
        let (intake, instruction) = Self.platforms(TestServices(database: database))
        let services =
            intake.services(subscriptions: []) + instruction.services(subscriptions: InstructionSubscriptions.all())
        try await withRunningServices(services) {
            try await Self.commitEvents(300, outbox: intake.outbox)
            #expect(await eventually { try await database.count("SELECT count(*) FROM instruction.claim") == 300 })
            #expect(try await database.count("SELECT count(*) FROM intake.outbox WHERE published_at IS NULL") == 0)
        }
        #expect(try await database.count("SELECT count(*) FROM instruction.inbox") == 300)
        try await database.drop()
    }

    @Test func rowsPublishedButNotMarkedAreRepublishedAndDeduplicated() async throws {
        let database = try await Self.makeDatabase()
        let test = TestServices(database: database)
        let (intake, instruction) = Self.platforms(test)
        // Only the consumer side runs at first: the intake relay is driven by hand below.
        let consumer = instruction.services(subscriptions: InstructionSubscriptions.all())
        try await withRunningServices(consumer + [intake.client]) {
            try await test.admin.declare(consumer: nil, routingKeys: [])
            try await Self.commitEvents(50, outbox: intake.outbox)
            // The broker confirms every message, then the relay "dies" before marking the rows published.
            let crashing = OutboxRelay(
                client: intake.client,
                publisher: PublishThenCrash(publisher: intake.publisher),
                exchange: test.common("intake").topology.eventsExchange,
                signal: OutboxSignal(),
                metrics: intake.metrics,
                logger: TestDatabase.logger
            )
            try await crashing.relayBatch()
            #expect(await eventually { try await database.count("SELECT count(*) FROM instruction.claim") == 50 })
            #expect(try await database.count("SELECT count(*) FROM intake.outbox WHERE published_at IS NULL") == 50)
            // A healthy relay publishes them all again once their retry time has come.
            let healthy = OutboxRelay(
                client: intake.client,
                publisher: intake.publisher,
                exchange: test.common("intake").topology.eventsExchange,
                signal: OutboxSignal(),
                metrics: intake.metrics,
                logger: TestDatabase.logger
            )
            #expect(
                await eventually {
                    try await healthy.relayBatch()
                    return try await database.count("SELECT count(*) FROM intake.outbox WHERE published_at IS NULL")
                        == 0
                }
            )
            // The 50 wire duplicates reach the consumer and are absorbed by its inbox.
            try await Task.sleep(for: .seconds(1))
            #expect(
                try await test.admin.messageCount(queue: test.common("instruction").topology.queue(for: "instruction"))
                    == 0
            )
            await intake.publisher.shutdown()
        }
        #expect(try await database.count("SELECT count(*) FROM instruction.claim") == 50)
        #expect(try await database.count("SELECT count(*) FROM instruction.inbox") == 50)
        try await database.drop()
    }

    @Test(.enabled(if: TestEnvironment.serversDirectory != nil))
    func brokerRestartMidRunLosesNothing() async throws {
        let database = try await Self.makeDatabase()
        let (intake, instruction) = Self.platforms(TestServices(database: database))
        let services =
            intake.services(subscriptions: []) + instruction.services(subscriptions: InstructionSubscriptions.all())
        try await withRunningServices(services) {
            try await Self.commitEvents(100, outbox: intake.outbox)
            #expect(await eventually { try await database.count("SELECT count(*) FROM instruction.claim") >= 100 })
            try ServerControl.rabbitmqctl("stop_app")
            // Claims keep being accepted while the broker is down: the outbox holds them.
            try await Self.commitEvents(100, outbox: intake.outbox)
            try ServerControl.rabbitmqctl("start_app")
            try await Self.commitEvents(100, outbox: intake.outbox)
            #expect(
                await eventually(timeout: .seconds(90)) {
                    try await database.count("SELECT count(*) FROM instruction.claim") == 300
                }
            )
            #expect(try await database.count("SELECT count(*) FROM intake.outbox WHERE published_at IS NULL") == 0)
        }
        #expect(try await database.count("SELECT count(*) FROM instruction.claim") == 300)
        #expect(try await database.count("SELECT count(*) FROM instruction.inbox") == 300)
        try await database.drop()
    }
}

/// Publishes for real, then fails as a crash between the broker's confirm and the outbox update would.
private struct PublishThenCrash: MessagePublisher {
    let publisher: any MessagePublisher

    struct SimulatedCrash: Error {}

    func publish(_ messages: [TransportMessage], to exchange: String) async throws -> [PublishOutcome] {
        let outcomes = try await publisher.publish(messages, to: exchange)
        #expect(outcomes.allSatisfy { $0 == .confirmed })
        throw SimulatedCrash()
    }
}
