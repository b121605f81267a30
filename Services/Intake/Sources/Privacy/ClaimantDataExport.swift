import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import Persistence
import PostgresNIO

/// Everything intake holds about one claimant (GDPR art. 15 and 20), as a JSON document: the account, each claim
/// with its answers (bank details opened), history, documents, requests for information, decision and the
/// declaration it was started from, and the open sessions. Rows are taken whole (`to_jsonb`) so that a column added
/// later is exported too; only secrets that are not data about the person are left out (password hash, session
/// and token digests, idempotency keys).
struct ClaimantDataExport {
    let client: PostgresClient
    let cipher: FieldCipher
    let logger: Logger

    /// What the export gives of each table, and why the others are not given.
    static let inventory = PersonalDataInventory(
        reported: [
            "claimant_account": ["password_hash"],
            // The bank details are given opened (`bank_details`), not sealed.
            "claim": ["bank_details_sealed", "idempotency_key"],
            "claim_timeline_entry": [], "claim_document": [], "information_request": [], "decision": [],
            "declaration": ["code"], "web_session": ["token_sha256", "principal_id", "csrf_token", "id_token"],
            "principal_sign_in": ["principal_id"], "data_summary": [],
        ],
        notReported: [
            "account_token": "digests of single-use links, expiring within days",
            "attach_challenge": "digests of confirmation codes, expiring within minutes",
            "throttle_hit": "counts of attempts under hashed keys",
            "oidc_sign_in": "FranceConnect sign-ins in progress, expiring within minutes",
        ]
    )

    /// The export of an account, or nil when there is no such account.
    func export(account: UUID, at now: Date) async throws -> Data? {
        guard let document = try await document(account: account, at: now) else { return nil }
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
    }

    /// The account's export as a JSON object, or nil when there is no such account.
    private func document(account: UUID, at now: Date) async throws -> [String: Any]? {
        guard
            let accountRow = try await rows(
                "SELECT \(unescaped: exported("claimant_account", "a"))::text FROM claimant_account a WHERE a.id = \(account)"
            ).first
        else { return nil }
        let document: [String: Any] = [
            "service": "Mon Indemnisation Justice — ministère de la Justice",
            "exported_at": ISO8601DateFormatter().string(from: now),
            "account": accountRow,
            "claims": try await claims("c.account_id = \(account)"),
            "last_sign_in": try await rows(
                "SELECT \(unescaped: exported("principal_sign_in", "s"))::text FROM principal_sign_in s WHERE s.principal_id = \(account)"
            ).first ?? NSNull(),
            "data_summaries": try await rows(
                """
                SELECT \(unescaped: exported("data_summary", "d"))::text FROM data_summary d WHERE d.account_id = \(account)
                ORDER BY d.requested_at
                """
            ),
            "sessions": try await rows(
                """
                SELECT \(unescaped: exported("web_session", "w"))::text FROM web_session w WHERE w.principal_id = \(account)
                ORDER BY w.created_at
                """
            ),
        ]
        return document
    }

    /// What intake holds about whoever uses this address: their account's export, and the claims filed with it
    /// without an account (partners' API); the JSON and how many records (account and claims) it holds.
    func export(email: String, at now: Date) async throws -> (json: Data, records: Int) {
        let address = email.lowercased()
        var document: [String: Any] = [:]
        var records = 0
        let account = try await client.query(
            "SELECT id FROM claimant_account WHERE email = \(address)",
            logger: logger
        )
        for try await id in account.decode(UUID.self) {
            if let exported = try await self.document(account: id, at: now) {
                document["account"] = exported
                records += 1 + (exported["claims"] as? [Any] ?? []).count
            }
        }
        let filed = try await claims("c.account_id IS NULL AND lower(c.claimant_email) = \(address)")
        document["claims_without_account"] = filed
        records += filed.count
        return (try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), records)
    }

    /// The claims a condition on `c` selects, each with its details.
    private func claims(_ condition: PostgresQuery) async throws -> [Any] {
        var query = PostgresQuery(unsafeSQL: "SELECT \(exported("claim", "c"))::text FROM claim c WHERE ")
        query.sql += condition.sql
        query.binds = condition.binds
        query.sql += " ORDER BY c.created_at"
        var claims: [Any] = []
        for claim in try await rows(query) {
            guard let id = (claim as? [String: Any])?["id"] as? String, let claimId = UUID(uuidString: id) else {
                continue
            }
            claims.append(try await details(of: claimId, claim: claim))
        }
        return claims
    }

    private func details(of claim: UUID, claim row: Any) async throws -> [String: Any] {
        var details: [String: Any] = ["claim": row]
        if let bank = try await bankDetails(of: claim) { details["bank_details"] = bank }
        details["timeline"] = try await rows(
            """
            SELECT \(unescaped: exported("claim_timeline_entry", "t"))::text FROM claim_timeline_entry t
            WHERE t.claim_id = \(claim) ORDER BY t.occurred_at
            """
        )
        details["documents"] = try await rows(
            """
            SELECT \(unescaped: exported("claim_document", "d"))::text FROM claim_document d WHERE d.claim_id = \(claim)
            ORDER BY d.uploaded_at
            """
        )
        details["information_requests"] = try await rows(
            """
            SELECT \(unescaped: exported("information_request", "r"))::text FROM information_request r
            WHERE r.claim_id = \(claim) ORDER BY r.requested_at
            """
        )
        details["decision"] = try await rows(
            "SELECT \(unescaped: exported("decision", "d"))::text FROM decision d WHERE d.claim_id = \(claim)"
        ).first
        details["declaration"] = try await rows(
            "SELECT \(unescaped: exported("declaration", "d"))::text FROM declaration d WHERE d.claim_id = \(claim)"
        ).first
        return details
    }

    private func bankDetails(of claim: UUID) async throws -> Any? {
        let sealed = try await client.query(
            "SELECT bank_details_sealed FROM claim WHERE id = \(claim) AND bank_details_sealed IS NOT NULL",
            logger: logger
        )
        for try await buffer in sealed.decode(ByteBuffer.self) {
            return try JSONSerialization.jsonObject(with: try cipher.open(Data(buffer: buffer)))
        }
        return nil
    }

    /// A row of `table` (named `alias`) as JSON, without what the inventory leaves out.
    private func exported(_ table: String, _ alias: String) -> String { Self.inventory.row(table, as: alias) }

    private func rows(_ query: PostgresQuery) async throws -> [Any] {
        var rows: [Any] = []
        for try await json in try await client.query(query, logger: logger).decode(String.self) {
            rows.append(try JSONSerialization.jsonObject(with: Data(json.utf8)))
        }
        return rows
    }
}
