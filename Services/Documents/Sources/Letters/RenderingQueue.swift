import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO
import ServiceKit

/// A document to render, leased by one worker for a while.
struct RenderingJob: Sendable {
    var claimId: UUID
    /// Unique per claim: `recepisse`, or the seal of the signed letter.
    var key: String
    var content: RenderingContent
    /// How many times it has been tried, this one included.
    var attempt: Int
}

/// The documents to render (`rendering_request`: the submission receipt, the signed letters) and, once rendered,
/// the document and its event, filed together.
struct RenderingQueue: Sendable {
    let outbox: TransactionalOutbox
    let logger: Logger
    /// How long a worker holds a job before another may take it (a worker killed mid-render).
    var lease: Duration = .seconds(120)
    var clock: @Sendable () -> Date = { Date() }

    /// Asks for a document, on the transaction of the event that calls for it (a redelivery changes nothing).
    /// The claim's folder is filed too, in case the letter's event overtook the claim's.
    static func request(
        _ content: RenderingContent,
        claim: UUID,
        reference: String,
        at now: Date,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        let json = String(decoding: try content.encoded(), as: UTF8.self)
        try await connection.query(
            "INSERT INTO claim_folder (claim_id, reference) VALUES (\(claim), \(reference)) ON CONFLICT DO NOTHING",
            logger: logger
        )
        try await connection.query(
            """
            INSERT INTO rendering_request (claim_id, request_key, kind, content, requested_at, next_attempt_at)
            VALUES (\(claim), \(content.key), \(content.documentType), \(json)::jsonb, \(now), \(now))
            ON CONFLICT DO NOTHING
            """,
            logger: logger
        )
    }

    /// The oldest due request, leased to the caller; nil when none is due.
    func leaseNext() async throws -> RenderingJob? {
        let now = clock()
        let rows = try await outbox.client.query(
            """
            UPDATE rendering_request SET next_attempt_at = \(now.addingTimeInterval(lease.seconds)),
                attempts = attempts + 1
            WHERE (claim_id, request_key) = (
                SELECT claim_id, request_key FROM rendering_request
                WHERE document_id IS NULL AND next_attempt_at <= \(now)
                ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING claim_id, request_key, kind, content::text, attempts
            """,
            logger: logger
        )
        for try await (claim, key, kind, content, attempts) in rows.decode((UUID, String, String, String, Int).self) {
            return RenderingJob(
                claimId: claim,
                key: key,
                content: try RenderingContent(documentType: kind, json: Data(content.utf8)),
                attempt: attempts
            )
        }
        return nil
    }

    /// The stored names of a claim's uploads, for the receipt's list.
    func fileNames(of claim: UUID) async throws -> [UUID: String] {
        let rows = try await outbox.client.query(
            "SELECT id, file_name FROM document WHERE claim_id = \(claim) AND origin = 'upload'",
            logger: logger
        )
        var names: [UUID: String] = [:]
        for try await (id, name) in rows.decode((UUID, String).self) { names[id] = name }
        return names
    }

    /// Files the rendered document, erases what it was made from and publishes its event, in one transaction.
    /// False when another worker filed it first (the caller then deletes its copy).
    func file(_ document: GeneratedDocument, of job: RenderingJob, announcing event: some EventContract) async throws
        -> Bool
    {
        do {
            try await outbox.transaction(context: MessageContext(), logger: logger) { connection, events -> Void in
                try await connection.query(
                    """
                    INSERT INTO document (id, claim_id, uploaded_by, type, media_type, size, sha256, file_name,
                                          scan_status, stored_at, scanned_at, origin)
                    VALUES (\(document.id), \(job.claimId), NULL, \(job.content.documentType), 'application/pdf',
                            \(document.size), \(document.sha256), \(document.fileName), 'clean', \(document.at),
                            \(document.at), 'generated')
                    """,
                    logger: logger
                )
                let rows = try await connection.query(
                    """
                    UPDATE rendering_request SET document_id = \(document.id), issued_at = \(document.at),
                        content = NULL, last_error = NULL
                    WHERE claim_id = \(job.claimId) AND request_key = \(job.key) AND document_id IS NULL
                    RETURNING claim_id
                    """,
                    logger: logger
                )
                guard try await rows.collect().count == 1 else { throw AlreadyFiled() }
                try await events.append(event, at: document.at)
            }
            return true
        } catch is AlreadyFiled {
            return false
        }
    }

    /// Records why a render failed and when to try again.
    func recordFailure(of job: RenderingJob, reason: String, retryAfter delay: Duration) async throws {
        try await outbox.client.query(
            """
            UPDATE rendering_request SET last_error = \(reason),
                next_attempt_at = \(clock().addingTimeInterval(delay.seconds))
            WHERE claim_id = \(job.claimId) AND request_key = \(job.key) AND document_id IS NULL
            """,
            logger: logger
        )
    }

    /// How many documents wait and since when (for the alert).
    func pendingSummary() async throws -> (count: Int, oldest: Date?) {
        let rows = try await outbox.client.query(
            "SELECT count(*), min(requested_at) FROM rendering_request WHERE document_id IS NULL",
            logger: logger
        )
        for try await (count, oldest) in rows.decode((Int, Date?).self) { return (count, oldest) }
        return (0, nil)
    }
}

/// A rendered PDF about to be filed.
struct GeneratedDocument: Sendable {
    var id: UUID
    var size: Int
    var sha256: String
    var fileName: String
    var at: Date
}

private struct AlreadyFiled: Error {}
