import Foundation
import PostgresNIO

/// The statements that delete what intake holds about a claim or an account, in an order the foreign keys accept;
/// each named for the retention log.
enum ClaimantDataRemoval {
    /// A claim (submitted or draft) with its form, bank details, history, documents list, requests, decision and the
    /// declaration that started it.
    static func claim(_ claim: UUID) -> [(String, PostgresQuery)] {
        [
            ("claim_timeline_entry", "DELETE FROM claim_timeline_entry WHERE claim_id = \(claim)"),
            ("claim_document", "DELETE FROM claim_document WHERE claim_id = \(claim)"),
            ("information_request", "DELETE FROM information_request WHERE claim_id = \(claim)"),
            ("decision", "DELETE FROM decision WHERE claim_id = \(claim)"),
            ("claim_link", "UPDATE claim SET declaration_id = NULL WHERE id = \(claim) AND declaration_id IS NOT NULL"),
            (
                "attach_challenge",
                "DELETE FROM attach_challenge WHERE declaration_id IN (SELECT id FROM declaration WHERE claim_id = \(claim))"
            ),
            ("declaration", "DELETE FROM declaration WHERE claim_id = \(claim)"),
            ("claim", "DELETE FROM claim WHERE id = \(claim)"),
        ]
    }

    /// An account with its tokens, sessions and pending attachment challenges (its claims removed first).
    static func account(_ account: UUID) -> [(String, PostgresQuery)] {
        [
            ("account_token", "DELETE FROM account_token WHERE account_id = \(account)"),
            ("web_session", "DELETE FROM web_session WHERE principal_id = \(account)"),
            ("attach_challenge", "DELETE FROM attach_challenge WHERE account_id = \(account)"),
            ("data_summary", "DELETE FROM data_summary WHERE account_id = \(account)"),
            ("principal_sign_in", "DELETE FROM principal_sign_in WHERE principal_id = \(account)"),
            ("claimant_account", "DELETE FROM claimant_account WHERE id = \(account)"),
        ]
    }
}
