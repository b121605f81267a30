import Contracts
import Foundation
import Logging
import Messaging
import Persistence
import PostgresNIO

/// Intake's answer to a data protection request: everything it holds about the address (access), or the account
/// erased (erasure) — at once when it holds nothing but drafts, otherwise as soon as its submitted claims are gone
/// (the claims being examined are kept: the office's public task, GDPR art. 17(3)(b)).
struct SubjectRequestHandler: EventHandler {
    let export: ClaimantDataExport

    func handle(_ event: SubjectRequestOpened, context: HandlerContext) async throws {
        let report: SubjectRequestReport
        switch event.kind {
        case .access:
            let (json, records) = try await export.export(email: event.email, at: Date())
            report = .init(
                requestId: event.requestId,
                records: records,
                data: String(decoding: json, as: UTF8.self),
                reportedAt: Date()
            )
        case .erasure:
            report = try await Self.erase(
                event.email,
                request: event.requestId,
                on: context.connection,
                events: context.outbox,
                logger: context.logger
            )
        }
        try await context.outbox.append(IntakeSubjectReport(report: report))
    }

    /// Marks the account for erasure and erases it now if it holds no submitted claim.
    static func erase(
        _ email: String,
        request: UUID,
        on connection: PostgresConnection,
        events: OutboxWriter,
        logger: Logger
    ) async throws -> SubjectRequestReport {
        let marked = try await connection.query(
            """
            UPDATE claimant_account SET erasure_requested_at = coalesce(erasure_requested_at, now())
            WHERE email = \(email.lowercased()) RETURNING id
            """,
            logger: logger
        )
        var accounts: [UUID] = []
        for try await id in marked.decode(UUID.self) { accounts.append(id) }
        var outcome: [String: Any] = ["account": "none"]
        var records = 0
        for account in accounts {
            // A statement of its own, after the row lock: it sees the claims a concurrent purge has just deleted
            // (ClaimRetentionHandler locks the account first too).
            let counted = try await connection.query(
                "SELECT count(*) FROM claim WHERE account_id = \(account) AND status <> \(ClaimState.draft)",
                logger: logger
            )
            var submitted = 0
            for try await count in counted.decode(Int.self) { submitted = count }
            if submitted == 0 {
                let removed = try await AccountRetentionPurge.delete(
                    account,
                    at: Date(),
                    on: connection,
                    events: events,
                    logger: logger
                )
                outcome = ["account": "erased", "removed": removed]
                records = removed.values.reduce(0, +)
            } else {
                outcome = [
                    "account": "erased once its \(submitted) submitted claim(s) are purged",
                    "kept":
                        "submitted claims: closed ones are purged by instruction now, open ones at the end of their retention",
                ]
            }
        }
        let json = try JSONSerialization.data(withJSONObject: outcome, options: [.sortedKeys])
        return .init(
            requestId: request,
            records: records,
            data: String(decoding: json, as: UTF8.self),
            reportedAt: Date()
        )
    }
}
