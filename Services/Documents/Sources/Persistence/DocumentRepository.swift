import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO

/// An upload that passed its checks, about to be recorded.
struct AcceptedUpload: Sendable {
    var documentId: UUID
    var claimId: UUID
    var uploadedBy: UUID
    var type: String
    var mediaType: ContentSniffer.MediaType
    var size: Int
    var sha256: String
    var fileName: String
    /// `clean`, or `scan_pending` when the antivirus could not be asked.
    var scanStatus: String
}

/// Documents in the `documents` schema, each change committed with its outbox event.
struct DocumentRepository: Sendable {
    let outbox: TransactionalOutbox
    let logger: Logger
    var clock: @Sendable () -> Date = { Date() }

    /// How many documents a claim holds, in all and of one type (withdrawn and infected ones excluded).
    func counts(claim: UUID, type: String) async throws -> (all: Int, ofType: Int) {
        let rows = try await outbox.client.query(
            """
            SELECT count(*), count(*) FILTER (WHERE type = \(type)) FROM document
            WHERE claim_id = \(claim) AND deleted_at IS NULL AND scan_status <> 'infected'
            """,
            logger: logger
        )
        for try await (all, ofType) in rows.decode((Int, Int).self) { return (all, ofType) }
        return (0, 0)
    }

    func record(_ upload: AcceptedUpload, context: MessageContext) async throws {
        let now = clock()
        try await outbox.transaction(context: context, logger: logger) { connection, events -> Void in
            try await connection.query(
                """
                INSERT INTO document (id, claim_id, uploaded_by, type, media_type, size, sha256, file_name, scan_status,
                                      stored_at, scanned_at)
                VALUES (\(upload.documentId), \(upload.claimId), \(upload.uploadedBy), \(upload.type),
                        \(upload.mediaType.rawValue), \(upload.size), \(upload.sha256), \(upload.fileName),
                        \(upload.scanStatus), \(now), \(upload.scanStatus == "clean" ? now : nil))
                """,
                logger: logger
            )
            try await events.append(
                DocumentStored(
                    documentId: upload.documentId,
                    claimId: upload.claimId,
                    uploadedBy: upload.uploadedBy,
                    type: upload.type,
                    mediaType: upload.mediaType.rawValue,
                    size: upload.size,
                    sha256: upload.sha256,
                    fileName: upload.fileName,
                    scanStatus: upload.scanStatus,
                    storedAt: now
                ),
                at: now
            )
        }
    }

    /// Publishes a refused upload (nothing of it is kept).
    func recordRejection(claim: UUID, uploadedBy: UUID, type: String, reason: String, context: MessageContext)
        async throws
    {
        let now = clock()
        try await outbox.transaction(context: context, logger: logger) { _, events -> Void in
            try await events.append(
                DocumentRejected(claimId: claim, uploadedBy: uploadedBy, type: type, reason: reason, rejectedAt: now),
                at: now
            )
        }
    }

    /// What a download serves: a present, clean document of the claim; nil otherwise (unknown, another claim's,
    /// withdrawn, infected or not scanned yet).
    func downloadable(_ document: UUID, claim: UUID) async throws -> (mediaType: String, fileName: String, size: Int)? {
        let rows = try await outbox.client.query(
            """
            SELECT media_type, file_name, size FROM document
            WHERE id = \(document) AND claim_id = \(claim) AND deleted_at IS NULL AND scan_status = 'clean'
            """,
            logger: logger
        )
        for try await row in rows.decode((String, String, Int).self) { return row }
        return nil
    }

    /// Documents waiting for the antivirus, oldest first.
    func pendingScans(limit: Int) async throws -> [(document: UUID, claim: UUID)] {
        let rows = try await outbox.client.query(
            """
            SELECT id, claim_id FROM document WHERE scan_status = 'scan_pending' AND deleted_at IS NULL
            ORDER BY stored_at LIMIT \(limit)
            """,
            logger: logger
        )
        var pending: [(UUID, UUID)] = []
        for try await row in rows.decode((UUID, UUID).self) { pending.append(row) }
        return pending
    }

    /// How many documents wait for the antivirus and since when (for the alert after 15 minutes).
    func pendingSummary() async throws -> (count: Int, oldest: Date?) {
        let rows = try await outbox.client.query(
            "SELECT count(*), min(stored_at) FROM document WHERE scan_status = 'scan_pending' AND deleted_at IS NULL",
            logger: logger
        )
        for try await (count, oldest) in rows.decode((Int, Date?).self) { return (count, oldest) }
        return (0, nil)
    }

    /// Records a deferred verdict once: when several replicas scanned the same document, only the first update
    /// finds it still pending and publishes. Returns whether this call recorded it.
    func recordVerdict(_ verdict: String, document: UUID, claim: UUID) async throws -> Bool {
        let now = clock()
        return try await outbox.transaction(context: MessageContext(), logger: logger) { connection, events in
            let rows = try await connection.query(
                """
                UPDATE document SET scan_status = \(verdict), scanned_at = \(now)
                WHERE id = \(document) AND scan_status = 'scan_pending' RETURNING id
                """,
                logger: logger
            )
            var updated = false
            for try await _ in rows.decode(UUID.self) { updated = true }
            if updated {
                try await events.append(
                    DocumentScanned(documentId: document, claimId: claim, verdict: verdict, scannedAt: now),
                    at: now
                )
            }
            return updated
        }
    }
}
