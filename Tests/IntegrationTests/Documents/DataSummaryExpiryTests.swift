import Foundation
import Messaging
import NIOCore
import PostgresNIO
import TestSupport
import Testing

@testable import Documents

/// Claimants' data summaries are copies of their data: documents deletes each, file and rows, a week after it was
/// issued, and records it; a younger one stays.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct DataSummaryExpiryTests {
    @Test func summariesGoAWeekAfterTheyWereIssued() async throws {
        try await DocumentsHarness.run { context in
            let client = context.parts.rendering.outbox.client
            let (old, fresh) = ((folder: UUID(), document: UUID()), (folder: UUID(), document: UUID()))
            for (summary, days) in [(old, 8), (fresh, 6)] {
                try await client.query(
                    """
                    INSERT INTO claim_folder (claim_id, reference) VALUES (\(summary.folder), \("Relevé \(summary.folder)"))
                    """,
                    logger: TestDatabase.logger
                )
                try await client.query(
                    """
                    INSERT INTO document (id, claim_id, uploaded_by, type, media_type, size, sha256, file_name,
                                          scan_status, stored_at, origin)
                    VALUES (\(summary.document), \(summary.folder), NULL, 'releve_donnees', 'application/pdf', 4,
                            'digest', 'Relevé.pdf', 'clean', \(Date().addingTimeInterval(-Double(days) * 86_400)), 'generated')
                    """,
                    logger: TestDatabase.logger
                )
                try await context.storage.write(
                    ByteBuffer(string: "%PDF"),
                    document: summary.document,
                    claim: summary.folder
                )
            }
            let expiry = DataSummaryExpiry(client: client, storage: context.storage, logger: TestDatabase.logger)
            #expect(try await expiry.expire() == 1)
            #expect(
                try await context.storage.exists(document: old.document, claim: old.folder) == false,
                "the old summary's file is gone"
            )
            #expect(
                try await context.storage.exists(document: fresh.document, claim: fresh.folder),
                "the recent one stays"
            )
            let left = try await context.database.count("SELECT count(*) FROM documents.document")
            #expect(left == 1)
            let logged = try await context.database.count(
                "SELECT count(*) FROM documents.retention_log WHERE subject = 'data-summary'"
            )
            #expect(logged == 1)
            #expect(try await expiry.expire() == 0, "nothing more to expire")
        }
    }
}
