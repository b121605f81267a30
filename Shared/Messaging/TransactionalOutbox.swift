import Foundation
import PostgresNIO

/// Runs a database transaction that may append events, then wakes the relay once it has committed.
package struct TransactionalOutbox: Sendable {
    package let producer: String
    package let client: PostgresClient
    package let signal: OutboxSignal

    package init(producer: String, client: PostgresClient, signal: OutboxSignal) {
        self.producer = producer
        self.client = client
        self.signal = signal
    }

    /// Runs `body` in one transaction; every event it appends commits with its writes.
    /// An error thrown by `body` is rethrown as is (after the rollback), so callers can classify it.
    package func transaction<Result: Sendable>(
        context: MessageContext,
        logger: Logger,
        _ body: (PostgresConnection, OutboxWriter) async throws -> Result
    ) async throws -> Result {
        let result: Result
        do {
            result = try await client.withTransaction(logger: logger) { connection in
                try await body(connection, OutboxWriter(producer: producer, connection: connection, context: context, logger: logger))
            }
        } catch let error as PostgresTransactionError where error.rollbackError == nil && error.closureError != nil {
            throw error.closureError!
        }
        signal.notify()
        return result
    }
}
