import Contracts
import Foundation
import Messaging
import PostgresNIO

/// The office's requests for documents or information, and the claimant's answers.
extension PostgresClaimRepository {
    func informationRequests(of claim: UUID, owner: UUID) async throws -> [InformationRequest] {
        let rows = try await outbox.client.query(
            """
            SELECT r.id, r.document_types, r.message, to_char(r.due_on, 'YYYY-MM-DD'), r.requested_at, r.answered_at
            FROM information_request r JOIN claim c ON c.id = r.claim_id
            WHERE r.claim_id = \(claim) AND c.account_id = \(owner) ORDER BY r.requested_at DESC
            """,
            logger: logger
        )
        var requests: [InformationRequest] = []
        for try await (id, types, message, dueOn, requestedAt, answeredAt) in rows.decode(
            (UUID, [String], String, String, Date, Date?).self
        ) {
            requests.append(
                InformationRequest(
                    id: id,
                    documentTypes: types,
                    message: message,
                    dueOn: dueOn,
                    requestedAt: requestedAt,
                    answeredAt: answeredAt
                )
            )
        }
        return requests
    }

    /// Locks the request, checks that every requested type has a document sent since it (or that there is at least
    /// a message), then records the answer, its timeline entry and the event in one transaction.
    func answer(
        _ request: UUID,
        claim: UUID,
        owner: UUID,
        message: String?,
        context: MessageContext
    ) async throws -> InformationAnswer {
        let now = clock()
        let text = message.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        return try await outbox.transaction(context: context, logger: logger) { connection, events in
            let rows = try await connection.query(
                """
                SELECT c.reference, r.document_types, r.requested_at FROM information_request r
                JOIN claim c ON c.id = r.claim_id
                WHERE r.id = \(request) AND r.claim_id = \(claim) AND c.account_id = \(owner) AND r.answered_at IS NULL
                  AND c.status IN ('A_INSTRUIRE', 'EN_INSTRUCTION')
                FOR UPDATE OF r
                """,
                logger: logger
            )
            var found: (reference: String, types: [String], requestedAt: Date)?
            for try await row in rows.decode((String, [String], Date).self) { found = row }
            guard let found else { return .unavailable }
            let sent = try await documents(of: claim, owner: owner, on: connection).filter {
                $0.uploadedBy == owner && $0.counts && $0.uploadedAt >= found.requestedAt
            }
            let missing = found.types.filter { type in !sent.contains { $0.type == type } }
            guard missing.isEmpty else { return .missing(missing) }
            guard !sent.isEmpty || text != nil else { return .empty }
            try await connection.query(
                "UPDATE information_request SET answered_at = \(now) WHERE id = \(request)",
                logger: logger
            )
            try await connection.query(
                "INSERT INTO claim_timeline_entry (claim_id, kind, occurred_at) VALUES (\(claim), 'information-answered', \(now))",
                logger: logger
            )
            try await events.append(
                ClaimCompletedByClaimant(
                    claimId: claim,
                    reference: found.reference,
                    requestId: request,
                    documents: sent.map { .init(id: $0.id, type: $0.type) },
                    message: text,
                    answeredAt: now
                ),
                at: now
            )
            return .answered
        }
    }
}
