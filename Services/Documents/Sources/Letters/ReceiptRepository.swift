import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO
import ServiceKit

/// A receipt to render, leased by one worker for a while.
struct ReceiptJob: Sendable {
    var claimId: UUID
    var content: ReceiptContent
    /// How many times it has been tried, this one included.
    var attempt: Int
}

/// The receipts to issue (`receipt_request`) and, once issued, the receipt document and its event.
struct ReceiptRepository: Sendable {
    let outbox: TransactionalOutbox
    let logger: Logger
    /// How long a worker holds a job before another may take it (a worker killed mid-render).
    var lease: Duration = .seconds(120)
    var clock: @Sendable () -> Date = { Date() }

    /// Asks for a receipt, on the transaction that records the submitted claim (a redelivery changes nothing).
    static func request(_ content: ReceiptContent, at now: Date, on connection: PostgresConnection, logger: Logger)
        async throws
    {
        let json = String(decoding: try JSONEncoder().encode(content), as: UTF8.self)
        try await connection.query(
            """
            INSERT INTO receipt_request (claim_id, content, requested_at, next_attempt_at)
            VALUES (\(content.claimId), \(json)::jsonb, \(now), \(now)) ON CONFLICT DO NOTHING
            """,
            logger: logger
        )
    }

    /// The oldest due receipt, leased to the caller; nil when none is due.
    func leaseNext() async throws -> ReceiptJob? {
        let now = clock()
        let rows = try await outbox.client.query(
            """
            UPDATE receipt_request SET next_attempt_at = \(now.addingTimeInterval(lease.seconds)),
                attempts = attempts + 1
            WHERE claim_id = (SELECT claim_id FROM receipt_request
                              WHERE document_id IS NULL AND next_attempt_at <= \(now)
                              ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING claim_id, content::text, attempts
            """,
            logger: logger
        )
        for try await (claim, content, attempts) in rows.decode((UUID, String, Int).self) {
            return ReceiptJob(
                claimId: claim,
                content: try JSONDecoder().decode(ReceiptContent.self, from: Data(content.utf8)),
                attempt: attempts
            )
        }
        return nil
    }

    /// The stored names of a claim's documents, for the receipt's list.
    func fileNames(of claim: UUID) async throws -> [UUID: String] {
        let rows = try await outbox.client.query(
            "SELECT id, file_name FROM document WHERE claim_id = \(claim) AND origin = 'upload'",
            logger: logger
        )
        var names: [UUID: String] = [:]
        for try await (id, name) in rows.decode((UUID, String).self) { names[id] = name }
        return names
    }

    /// Files the rendered receipt, erases what it was made from and publishes `ReceiptIssued`, in one transaction.
    /// False when another worker issued it first (the caller then deletes its copy).
    func issue(_ receipt: ReceiptIssued) async throws -> Bool {
        do {
            try await outbox.transaction(context: MessageContext(), logger: logger) { connection, events -> Void in
                try await connection.query(
                    """
                    INSERT INTO document (id, claim_id, uploaded_by, type, media_type, size, sha256, file_name,
                                          scan_status, stored_at, scanned_at, origin)
                    VALUES (\(receipt.documentId), \(receipt.claimId), NULL, 'recepisse', \(receipt.mediaType),
                            \(receipt.size), \(receipt.sha256), \(receipt.fileName), 'clean', \(receipt.issuedAt),
                            \(receipt.issuedAt), 'generated')
                    """,
                    logger: logger
                )
                let rows = try await connection.query(
                    """
                    UPDATE receipt_request SET document_id = \(receipt.documentId), issued_at = \(receipt.issuedAt),
                        content = NULL, last_error = NULL
                    WHERE claim_id = \(receipt.claimId) AND document_id IS NULL RETURNING claim_id
                    """,
                    logger: logger
                )
                var updated = false
                for try await _ in rows.decode(UUID.self) { updated = true }
                guard updated else { throw ReceiptAlreadyIssued() }
                try await events.append(receipt, at: receipt.issuedAt)
            }
            return true
        } catch is ReceiptAlreadyIssued {
            return false
        }
    }

    /// Records why a render failed and when to try again.
    func recordFailure(of job: ReceiptJob, reason: String, retryAfter delay: Duration) async throws {
        try await outbox.client.query(
            """
            UPDATE receipt_request SET last_error = \(reason),
                next_attempt_at = \(clock().addingTimeInterval(delay.seconds))
            WHERE claim_id = \(job.claimId) AND document_id IS NULL
            """,
            logger: logger
        )
    }

    /// How many receipts wait and since when (for the alert).
    func pendingSummary() async throws -> (count: Int, oldest: Date?) {
        let rows = try await outbox.client.query(
            "SELECT count(*), min(requested_at) FROM receipt_request WHERE document_id IS NULL",
            logger: logger
        )
        for try await (count, oldest) in rows.decode((Int, Date?).self) { return (count, oldest) }
        return (0, nil)
    }
}

private struct ReceiptAlreadyIssued: Error {}
