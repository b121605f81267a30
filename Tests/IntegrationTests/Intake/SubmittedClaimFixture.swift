import Foundation
import Messaging
import Persistence
import PostgresNIO
import ServiceKit
import TestSupport

@testable import Intake

/// A verified claimant account written straight into intake's schema, with one claim submitted through the
/// repository (every required document attached and clean).
enum SubmittedClaimFixture {
    /// The submitted claim's id.
    static func file(for owner: UUID, email: String, platform: MessagingPlatform, cipher: FieldCipher) async throws
        -> UUID
    {
        let client = platform.client
        let logger = TestDatabase.logger
        try await client.query(
            """
            INSERT INTO claimant_account (id, email, password_hash, created_at, email_verified_at)
            VALUES (\(owner), \(email), '$argon2id$v=19$secret', now(), now())
            """,
            logger: logger
        )
        let claims = PostgresClaimRepository(outbox: platform.outbox, cipher: cipher, logger: logger)
        let form = ClaimForm(fields: ClaimFixtures.formJSON(email: email))
        let claim = try await claims.startDraft(form, owner: owner)
        for type in form.requiredDocuments {
            try await client.query(
                """
                INSERT INTO claim_document (document_id, claim_id, uploaded_by, type, file_name, media_type, size,
                                            scan_status, uploaded_at)
                VALUES (\(UUID()), \(claim), \(owner), \(type.rawValue), 'facture.pdf', 'application/pdf', 1000,
                        'clean', now())
                """,
                logger: logger
            )
        }
        _ = try await claims.submitDraft(claim, owner: owner, today: Date(), context: MessageContext())
        return claim
    }
}
