import AMQP
import Foundation
import Messaging
import Persistence
import PostgresNIO
import ServiceKit

/// The bare limits of the machine, measured in the same run as the system figures so ratios hold.
enum RawBench {
    /// rabbitmq-c, one connection, pipelined persistent publishes of ~1 KB with confirms, to a quorum queue.
    static func amqpConfirmedPerSecond(_ config: BenchConfig) async throws -> Double {
        let topology = Topology(namespace: "bench-raw")
        let admin = AMQPAdmin(settings: config.amqp, topology: topology)
        try await admin.declare(consumer: "raw", routingKeys: ["bench.raw"])
        let publisher = AMQPPublisher(settings: config.amqp, logger: config.logger)
        let body = Array(String(repeating: "x", count: 1000).utf8)
        let total = 20_000
        let batch = 250
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for round in stride(from: worker * batch, to: total, by: 4 * batch) {
                        let messages = (0..<batch).map {
                            TransportMessage(routingKey: "bench.raw", messageId: "raw-\(round)-\($0)", body: body)
                        }
                        _ = try await publisher.publish(messages, to: topology.eventsExchange)
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = (ContinuousClock.now - start).seconds
        await publisher.shutdown()
        try await admin.delete(
            queues: [topology.queue(for: "raw"), topology.deadLetterQueue(for: "raw")],
            exchanges: []
        )
        return Double(total) / seconds
    }

    /// postgres-nio, single-row autocommit INSERTs from 8 concurrent connections.
    static func postgresInsertsPerSecond(_ config: BenchConfig) async throws -> Double {
        try await config.superuser.withClient(logger: config.logger) { client in
            try await client.query(
                "CREATE UNLOGGED TABLE IF NOT EXISTS public.bench_raw (id uuid, payload text)",
                logger: config.logger
            )
            try await client.query("TRUNCATE public.bench_raw", logger: config.logger)
            let total = 8_000
            let start = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        for _ in 0..<(total / 8) {
                            try await client.query(
                                "INSERT INTO public.bench_raw (id, payload) VALUES (\(UUID()), \("bench"))",
                                logger: config.logger
                            )
                        }
                    }
                }
                try await group.waitForAll()
            }
            let seconds = (ContinuousClock.now - start).seconds
            try await client.query("DROP TABLE public.bench_raw", logger: config.logger)
            return Double(total) / seconds
        }
    }
}

extension Duration {
    var milliseconds: Double { seconds * 1000 }
}
