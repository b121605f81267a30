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
            report = try await erase(event, context: context)
        }
        try await context.outbox.append(IntakeSubjectReport(report: report))
    }

    private func erase(_ event: SubjectRequestOpened, context: HandlerContext) async throws -> SubjectRequestReport {
        let rows = try await context.connection.query(
            """
            UPDATE claimant_account SET erasure_requested_at = coalesce(erasure_requested_at, now())
            WHERE email = \(event.email.lowercased())
            RETURNING id, (SELECT count(*) FROM claim c WHERE c.account_id = claimant_account.id
                                                         AND c.status <> \(ClaimState.draft))
            """,
            logger: context.logger
        )
        var outcome: [String: Any] = ["account": "none"]
        var records = 0
        for try await (account, submitted) in rows.decode((UUID, Int).self) {
            if submitted == 0 {
                let removed = try await AccountRetentionPurge.delete(
                    account,
                    at: Date(),
                    on: context.connection,
                    events: context.outbox,
                    logger: context.logger
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
            requestId: event.requestId,
            records: records,
            data: String(decoding: json, as: UTF8.self),
            reportedAt: Date()
        )
    }
}
