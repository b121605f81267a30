import AMQP
import Foundation
import Messaging
import Persistence
import PostgresNIO
import ServiceKit

/// The outbox relay's throughput and the end-to-end propagation of events between the running services.
enum PipelineBench {
    /// Drains 20,000 committed outbox rows through the real relay code (a private `bench` schema, so the
    /// running services do not see them).
    static func relayEventsPerSecond(_ config: BenchConfig) async throws -> Double {
        let total = 20_000
        let topology = Topology(namespace: "bench-relay")
        let admin = AMQPAdmin(settings: config.amqp, topology: topology)
        try await admin.declare(consumer: "sink", routingKeys: ["intake.claim-submitted.v1"])
        // The outbox table only: the other platform tables grant rights to a service's roles, which `bench` has not.
        let platformSQL = try Migration.platform().filter { $0.name.contains("outbox") }.map(\.sql)
        let schema = config.superuser.withSchema("bench")
        try await config.superuser.withClient(logger: config.logger) { client in
            try await client.query("DROP SCHEMA IF EXISTS bench CASCADE", logger: config.logger)
            try await client.query("CREATE SCHEMA bench", logger: config.logger)
        }
        let publisher = AMQPPublisher(settings: config.amqp, logger: config.logger)
        let seconds = try await schema.withClient(logger: config.logger) { client in
            for sql in platformSQL {
                for statement in SQLScript.statements(sql) {
                    try await client.query(PostgresQuery(unsafeSQL: statement), logger: config.logger)
                }
            }
            try await client.query(
                """
                INSERT INTO outbox (message_id, event_name, event_version, occurred_at, producer, correlation_id, payload)
                SELECT gen_random_uuid(), 'intake.claim-submitted', 1, now(), 'intake', gen_random_uuid(),
                       '{"claimId":"' || gen_random_uuid() || '","reference":"BRI-20261123-' || lpad(i::text, 4, '0') ||
                       '","submittedAt":"2026-11-23T10:00:00Z","claimant":{"firstName":"Camille","lastName":"Bench","email":"camille@example.org"},"doorBreak":{"date":"2026-11-01","streetAddress":"1 rue de l''Essai","postalCode":"69003","commune":"Lyon"}}'
                FROM generate_series(1, \(total)) AS i
                """,
                logger: config.logger
            )
            let relay = OutboxRelay(
                client: client,
                publisher: publisher,
                exchange: topology.eventsExchange,
                signal: OutboxSignal(),
                metrics: MessagingMetrics(service: "bench"),
                logger: config.logger
            )
            let start = ContinuousClock.now
            while try await relay.relayBatch() > 0 {}
            return (ContinuousClock.now - start).seconds
        }
        await publisher.shutdown()
        try await admin.delete(
            queues: [topology.queue(for: "sink"), topology.deadLetterQueue(for: "sink")],
            exchanges: []
        )
        try await config.superuser.withClient(logger: config.logger) { client in
            try await client.query("DROP SCHEMA bench CASCADE", logger: config.logger)
        }
        return Double(total) / seconds
    }

    /// Submits claims to the running intake at `config.propagationRate` per second for 10 s (open loop), then
    /// measures, per claim, the time from its commit in intake to its commit in instruction (both clocks are the
    /// database's).
    static func propagation(_ config: BenchConfig) async throws -> (p50: Double, p99: Double) {
        let ids = try await HTTPBench.submitOpenLoop(
            config,
            perSecond: config.propagationRate,
            duration: .seconds(10)
        )
        return try await config.superuser.withClient(logger: config.logger) { client in
            let deadline = ContinuousClock.now + .seconds(60)
            var delays: [Double] = []
            while ContinuousClock.now < deadline {
                delays = []
                let rows = try await client.query(
                    """
                    SELECT extract(epoch FROM i.received_at - c.submitted_at)::float8 * 1000
                    FROM intake.claim c JOIN instruction.claim i ON i.id = c.id
                    WHERE c.id = ANY(\(ids))
                    """,
                    logger: config.logger
                )
                for try await delay in rows.decode(Double.self) { delays.append(delay) }
                if delays.count == ids.count { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            guard delays.count == ids.count else {
                throw BenchError("only \(delays.count) of \(ids.count) claims reached instruction")
            }
            return (percentile(delays, 0.5), percentile(delays, 0.99))
        }
    }
}

/// A figure could not be measured.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension DatabaseSettings {
    func withSchema(_ schema: String) -> DatabaseSettings {
        var copy = self
        copy.schema = schema
        return copy
    }
}
