import Foundation
import Logging
import Metrics
import PostgresNIO
import ServiceLifecycle

/// Publishes committed outbox rows with publisher confirms and marks them sent; safe with several replicas.
package struct OutboxRelay: Service {
    /// Tuning of the relay loop.
    package struct Settings: Sendable {
        package var batchSize = 1000
        /// Poll interval when nothing signals new rows (rows written by another replica, retries).
        package var idlePoll: Duration = .seconds(1)
        package var maxBackoff: Duration = .seconds(30)
        /// A batch not done by then is given up (its rows stay locked by it alone) and the next one starts.
        package var batchDeadline: Duration = .seconds(60)

        package init() {}
    }

    private let client: PostgresClient
    private let publisher: any MessagePublisher
    private let exchange: String
    private let signal: OutboxSignal
    private let metrics: MessagingMetrics
    private let settings: Settings
    private let logger: Logger

    package init(
        client: PostgresClient,
        publisher: any MessagePublisher,
        exchange: String,
        signal: OutboxSignal,
        metrics: MessagingMetrics,
        settings: Settings = Settings(),
        logger: Logger
    ) {
        self.client = client
        self.publisher = publisher
        self.exchange = exchange
        self.signal = signal
        self.metrics = metrics
        self.settings = settings
        self.logger = logger
    }

    package func run() async throws {
        await cancelWhenGracefulShutdown {
            var lastGaugeUpdate = ContinuousClock.now - .seconds(60)
            while !Task.isCancelled {
                var published = 0
                do {
                    published = try await withDeadline(settings.batchDeadline) { try await relayBatch() }
                } catch {
                    logger.warning("outbox relay cycle failed", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: .milliseconds(500))
                }
                if ContinuousClock.now - lastGaugeUpdate > .seconds(5) {
                    await updateGauges()
                    lastGaugeUpdate = .now
                }
                // A full batch means more rows are probably waiting: go again at once.
                if published < settings.batchSize { await signal.wait(timeout: settings.idlePoll) }
            }
        }
    }

    /// Claims one batch, publishes it and records each outcome, all in one transaction; returns rows handled.
    @discardableResult
    package func relayBatch() async throws -> Int {
        try await client.withTransaction(logger: logger) { connection in
            let rows = try await claimBatch(on: connection)
            guard !rows.isEmpty else { return 0 }
            let outcomes: [PublishOutcome]
            do {
                outcomes = try await publisher.publish(rows.map(\.envelope.transportMessage), to: exchange)
            } catch {
                // Outcome unknown: publish again later; a duplicate is absorbed by the consumers' inbox.
                metrics.publishFailures.increment(by: rows.count)
                logger.warning("outbox publish failed", metadata: ["error": "\(error)"])
                try await scheduleRetry(rows.map(\.id), reason: "broker unavailable", on: connection)
                return 0
            }
            FaultPoint.hit("relay.after_confirm_before_mark")
            try await record(rows: rows, outcomes: outcomes, on: connection)
            return rows.count
        }
    }

    private struct Row {
        var id: Int64
        var envelope: Envelope
    }

    private func claimBatch(on connection: PostgresConnection) async throws -> [Row] {
        let stream = try await connection.query(
            """
            SELECT id, message_id, event_name, event_version, occurred_at, producer, correlation_id,
                   causation_id, traceparent, payload
            FROM outbox
            WHERE published_at IS NULL AND next_attempt_at <= now()
            ORDER BY id
            LIMIT \(settings.batchSize)
            FOR UPDATE SKIP LOCKED
            """,
            logger: logger
        )
        var rows: [Row] = []
        for try await (
            id, messageId, name, version, occurredAt, producer, correlationId, causationId, traceparent, payload
        )
            in stream.decode((Int64, UUID, String, Int, Date, String, UUID, UUID?, String?, String).self)
        {
            let envelope = Envelope(
                messageId: messageId,
                eventName: name,
                version: version,
                occurredAt: occurredAt,
                producer: producer,
                correlationId: correlationId,
                causationId: causationId,
                traceparent: traceparent,
                body: Array(payload.utf8)
            )
            rows.append(Row(id: id, envelope: envelope))
        }
        return rows
    }

    private func record(rows: [Row], outcomes: [PublishOutcome], on connection: PostgresConnection) async throws {
        var confirmed: [Int64] = []
        var nacked: [Int64] = []
        var returned: [Int64] = []
        for (row, outcome) in zip(rows, outcomes) {
            switch outcome {
            case .confirmed: confirmed.append(row.id)
            case .rejected: nacked.append(row.id)
            case .unroutable: returned.append(row.id)
            }
        }
        if !confirmed.isEmpty {
            try await connection.query(
                "UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY(\(confirmed))",
                logger: logger
            )
            metrics.published.increment(by: confirmed.count)
        }
        if !nacked.isEmpty {
            metrics.publishNacks.increment(by: nacked.count)
            try await scheduleRetry(nacked, reason: "refused by the broker (nack)", on: connection)
        }
        if !returned.isEmpty {
            metrics.publishReturns.increment(by: returned.count)
            try await scheduleRetry(returned, reason: "unroutable (no queue bound)", on: connection)
        }
    }

    // Exponential backoff from 1 s, capped: a stuck row neither hammers the broker nor waits forever.
    private func scheduleRetry(_ ids: [Int64], reason: String, on connection: PostgresConnection) async throws {
        let capSeconds = Double(settings.maxBackoff.components.seconds)
        try await connection.query(
            """
            UPDATE outbox
            SET attempts = attempts + 1,
                last_error = \(reason),
                next_attempt_at = now() + make_interval(secs => least(\(capSeconds), power(2, least(attempts, 15))))
            WHERE id = ANY(\(ids))
            """,
            logger: logger
        )
        logger.warning("outbox rows scheduled for retry", metadata: ["count": "\(ids.count)", "reason": "\(reason)"])
    }

    private func updateGauges() async {
        do {
            let rows = try await client.query(
                """
                SELECT count(*)::bigint, coalesce(extract(epoch FROM now() - min(occurred_at)), 0)::float8
                FROM outbox WHERE published_at IS NULL
                """,
                logger: logger
            )
            for try await (pending, age) in rows.decode((Int64, Double).self) {
                metrics.outboxPending.record(pending)
                metrics.outboxOldestAgeSeconds.record(age)
            }
            // Published rows are kept a week so that a restored consumer can be replayed (reliability.md §26).
            try await client.query(
                "DELETE FROM outbox WHERE published_at < now() - interval '7 days'",
                logger: logger
            )
        } catch {
            logger.debug("outbox gauges not updated", metadata: ["error": "\(error)"])
        }
    }
}
