import AMQP
import Contracts
import Foundation
import Messaging
import ServiceKit
import Synchronization
import TestSupport
import Testing

@testable import Instruction

/// The consumer side with real servers: duplicates have one effect, poison messages are parked with a reason, and
/// what a handler asks to run after its commit runs only when it commits.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct InboxTests {
    private static func envelope(_ event: ClaimSubmitted, id: UUID = UUID()) throws -> Envelope {
        Envelope(
            messageId: id,
            eventName: ClaimSubmitted.eventName,
            version: ClaimSubmitted.version,
            occurredAt: Date(),
            producer: "intake",
            correlationId: UUID(),
            causationId: nil,
            traceparent: nil,
            body: Array(try ContractCoding.encoder().encode(event))
        )
    }

    @Test func theSameMessageDeliveredTenTimesHasOneEffect() async throws {
        let database = try await TestDatabase.create(migrations: ["instruction": try InstructionService.allMigrations()]
        )
        let test = TestServices(database: database)
        let instruction = MessagingPlatform(settings: test.common("instruction"), logger: TestDatabase.logger)
        try await withRunningServices(instruction.services(subscriptions: InstructionSubscriptions.all())) {
            #expect(
                await eventually {
                    try await test.admin.consumerCount(
                        queue: test.common("instruction").topology.queue(for: "instruction")
                    ) > 0
                }
            )
            let message = try Self.envelope(ClaimFixtures.submitted(number: 1)).transportMessage
            // Ten concurrent copies of one message id, as a relay retrying after crashes would produce.
            try await withThrowingTaskGroup(of: [PublishOutcome].self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        try await instruction.publisher.publish(
                            [message],
                            to: test.common("instruction").topology.eventsExchange
                        )
                    }
                }
                for try await outcome in group { #expect(outcome == [.confirmed]) }
            }
            #expect(
                await eventually {
                    try await test.admin.messageCount(
                        queue: test.common("instruction").topology.queue(for: "instruction")
                    ) == 0
                }
            )
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(try await database.count("SELECT count(*) FROM instruction.claim") == 1)
        #expect(try await database.count("SELECT count(*) FROM instruction.inbox") == 1)
        try await database.drop()
    }

    @Test func parkedMessagesAreReplayedIntoTheirOwnServiceOnce() async throws {
        let database = try await TestDatabase.create(migrations: ["instruction": try InstructionService.allMigrations()]
        )
        let test = TestServices(database: database)
        let settings = test.common("instruction")
        let parking = settings.topology.deadLetterQueue(for: "instruction")
        let instruction = MessagingPlatform(settings: settings, logger: TestDatabase.logger)
        try await withRunningServices(instruction.services(subscriptions: InstructionSubscriptions.all())) {
            #expect(
                await eventually {
                    try await test.admin.consumerCount(queue: settings.topology.queue(for: "instruction")) > 0
                }
            )
            // A valid event, parked as a handler's bug would have parked it.
            var parked = try Self.envelope(ClaimFixtures.submitted(number: 1)).transportMessage
            parked.routingKey = parking
            parked.headers[EnvelopeHeader.deadReason] = "handler failed 5 times"
            #expect(try await instruction.publisher.publish([parked], to: "") == [.confirmed])
            #expect(await eventually { try await test.admin.messageCount(queue: parking) == 1 })

            let replay = ParkedMessages(settings: settings, logger: TestDatabase.logger)
            let counted = try await replay.replay(dryRun: true)
            #expect(counted.waiting == 1 && counted.replayed == 0)
            #expect(try await test.admin.messageCount(queue: parking) == 1, "the dry run moved the message")
            let replayed = try await replay.replay(dryRun: false)
            #expect(replayed.waiting == 1 && replayed.replayed == 1)
            #expect(await eventually { try await database.count("SELECT count(*) FROM instruction.claim") == 1 })
            #expect(try await test.admin.messageCount(queue: parking) == 0)
            #expect(try await replay.replay(dryRun: false).waiting == 0)
        }
        try await database.drop()
    }

    @Test func poisonMessagesAreParkedWithTheirReasonWithoutBlockingOthers() async throws {
        let database = try await TestDatabase.create(migrations: ["instruction": try InstructionService.allMigrations()]
        )
        let test = TestServices(database: database)
        let topology = test.common("instruction").topology
        let instruction = MessagingPlatform(settings: test.common("instruction"), logger: TestDatabase.logger)
        try await withRunningServices(instruction.services(subscriptions: InstructionSubscriptions.all())) {
            #expect(
                await eventually { try await test.admin.consumerCount(queue: topology.queue(for: "instruction")) > 0 }
            )
            var notJSON = try Self.envelope(ClaimFixtures.submitted(number: 0)).transportMessage
            notJSON.body = Array("{ not json".utf8)
            var unknownVersion = try Self.envelope(ClaimFixtures.submitted(number: 0)).transportMessage
            unknownVersion.headers[EnvelopeHeader.eventVersion] = "9"
            let valid = try (1...40).map { try Self.envelope(ClaimFixtures.submitted(number: $0)).transportMessage }
            let outcomes = try await instruction.publisher.publish(
                [notJSON, unknownVersion] + valid,
                to: topology.eventsExchange
            )
            #expect(outcomes.allSatisfy { $0 == .confirmed })
            #expect(await eventually { try await database.count("SELECT count(*) FROM instruction.claim") == 40 })
            #expect(
                await eventually {
                    try await test.admin.messageCount(queue: topology.deadLetterQueue(for: "instruction")) == 2
                }
            )
        }
        let parked = try await DeadLetterReader.read(queue: topology.deadLetterQueue(for: "instruction"), count: 2)
        let reasons = parked.compactMap { $0.headers[EnvelopeHeader.deadReason] }.sorted()
        #expect(reasons.count == 2)
        #expect(reasons.contains { $0.hasPrefix("body does not decode") })
        #expect(reasons.contains { $0.contains("no handler for intake.claim-submitted.v9") })
        try await database.drop()
    }
}

extension InboxTests {
    /// A message whose handler fails every time (a "transient" error that never clears).
    private struct AlwaysFailing: Error {}

    private final class Attempts: Sendable {
        let count = Mutex(0)
        /// Hooks run after a commit.
        let committed = Mutex(0)
    }

    private struct FlakyHandler: EventHandler {
        let attempts: Attempts

        func handle(_ event: ClaimSubmitted, context: HandlerContext) async throws {
            context.afterCommit { attempts.committed.withLock { $0 += 1 } }
            if event.claimant.lastName == "Poison" {
                attempts.count.withLock { $0 += 1 }
                throw AlwaysFailing()
            }
            try await ClaimSubmittedHandler().handle(event, context: context)
        }
    }

    @Test func aMessageThatAlwaysFailsIsParkedAfterTheDeliveryLimit() async throws {
        let database = try await TestDatabase.create(migrations: ["instruction": try InstructionService.allMigrations()]
        )
        let test = TestServices(database: database)
        let topology = test.common("instruction").topology
        let instruction = MessagingPlatform(settings: test.common("instruction"), logger: TestDatabase.logger)
        let handler = FlakyHandler(attempts: Attempts())
        try await withRunningServices(instruction.services(subscriptions: [Subscription(handler)])) {
            #expect(
                await eventually { try await test.admin.consumerCount(queue: topology.queue(for: "instruction")) > 0 }
            )
            var poison = ClaimFixtures.submitted(number: 0)
            poison.claimant.lastName = "Poison"
            let messages = try ([poison] + (1...20).map { ClaimFixtures.submitted(number: $0) }).map {
                try Self.envelope($0).transportMessage
            }
            _ = try await instruction.publisher.publish(messages, to: topology.eventsExchange)
            // The valid messages behind it are not held up by its retries.
            #expect(
                await eventually(timeout: .seconds(5)) {
                    try await database.count("SELECT count(*) FROM instruction.claim") == 20
                }
            )
            #expect(
                await eventually(timeout: .seconds(30)) {
                    try await test.admin.messageCount(queue: topology.deadLetterQueue(for: "instruction")) == 1
                }
            )
        }
        #expect(handler.attempts.count.withLock { $0 } == topology.deliveryLimit)
        #expect(handler.attempts.committed.withLock { $0 } == 20, "after-commit hooks run for commits only")
        let parked = try await DeadLetterReader.read(queue: topology.deadLetterQueue(for: "instruction"), count: 1)
        #expect(parked.first?.headers[EnvelopeHeader.deadReason]?.hasPrefix("gave up after 5 attempts") == true)
        try await database.drop()
    }

    /// A handling that waits for an answer that never comes, as on a database connection the server has closed.
    private final class Stuck: Sendable {
        let entered = Mutex(false)
        let waiting = Mutex<CheckedContinuation<Void, Never>?>(nil)

        func release() {
            waiting.withLock {
                $0?.resume(); $0 = nil
            }
        }
    }

    private struct StuckOnceHandler: EventHandler {
        let stuck: Stuck

        func handle(_ event: ClaimSubmitted, context: HandlerContext) async throws {
            if event.claimant.lastName == "Bloqué" && !stuck.entered.withLock({ $0 }) {
                stuck.entered.withLock { $0 = true }
                // Deaf to cancellation, like a query on a connection the server closed.
                await withCheckedContinuation { continuation in stuck.waiting.withLock { $0 = continuation } }
            }
            try await ClaimSubmittedHandler().handle(event, context: context)
        }
    }

    @Test func aHandlingThatNeverAnswersIsHandedBackAfterItsDeadline() async throws {
        let database = try await TestDatabase.create(migrations: ["instruction": try InstructionService.allMigrations()]
        )
        let test = TestServices(database: database)
        var settings = test.common("instruction")
        settings.topology.handlerDeadline = .seconds(1)
        let topology = settings.topology
        let instruction = MessagingPlatform(settings: settings, logger: TestDatabase.logger)
        let stuck = Stuck()
        try await withRunningServices(
            instruction.services(subscriptions: [Subscription(StuckOnceHandler(stuck: stuck))])
        ) {
            #expect(
                await eventually { try await test.admin.consumerCount(queue: topology.queue(for: "instruction")) > 0 }
            )
            var blocked = ClaimFixtures.submitted(number: 0)
            blocked.claimant.lastName = "Bloqué"
            let messages = try ([blocked] + (1...5).map { ClaimFixtures.submitted(number: $0) }).map {
                try Self.envelope($0).transportMessage
            }
            _ = try await instruction.publisher.publish(messages, to: topology.eventsExchange)
            #expect(await eventually { stuck.entered.withLock { $0 } })
            // The server ends the session, as a restart would: its locks go, its client never hears of it.
            _ = try await database.count(
                """
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND usename = 'instruction_app' AND state = 'idle in transaction'
                """
            )
            #expect(
                await eventually(timeout: .seconds(15)) {
                    try await database.count("SELECT count(*) FROM instruction.claim") == 6
                },
                "the blocked claim is handled again once its first handling is given up"
            )
        }
        // The service stopped although that first handling still waits.
        stuck.release()
        #expect(try await database.count("SELECT count(*) FROM instruction.inbox") == 6)
        try await database.drop()
    }
}

/// Drains parked messages from a dead-letter queue (acking them) and returns them.
enum DeadLetterReader {
    static func read(queue: String, count: Int) async throws -> [TransportMessage] {
        let consumer = AMQPConsumer(
            settings: try AMQPSettings(url: TestEnvironment.amqpURL),
            queue: queue,
            logger: TestDatabase.logger
        )
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
