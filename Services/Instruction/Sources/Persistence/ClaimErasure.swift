import Foundation
import Logging
import Persistence
import PostgresNIO

/// Removes what the back office holds about one claim's people and keeps what statistics need: the claim's row with
/// its reference, states and their dates, department, amounts and reasons; the audit (identifiers only). Names,
/// addresses, the claimant's e-mail, the snapshot, notes, messages, letters' text, bank details, the declaration
/// and the questions to the unit go.
struct ClaimErasure {
    /// What went: rows by table, and the question ids (each a folder of the documents service).
    struct Removed {
        var counts: [String: Int]
        var questionFolders: [UUID]
    }

    let connection: PostgresConnection
    let logger: Logger

    func anonymise(_ claim: UUID, declaration: UUID?, at now: Date) async throws -> Removed {
        var questions: [UUID] = []
        let asked = try await connection.query(
            "SELECT id FROM investigator_query WHERE claim_id = \(claim)",
            logger: logger
        )
        for try await id in asked.decode(UUID.self) { questions.append(id) }
        var statements: [(String, PostgresQuery)] = [
            (
                "investigator_query_attachment",
                "DELETE FROM investigator_query_attachment WHERE query_id = ANY(\(questions))"
            ),
            ("investigator_query", "DELETE FROM investigator_query WHERE claim_id = \(claim)"),
        ]
        if let declaration {
            statements += [
                ("declaration_attachment", "DELETE FROM declaration_attachment WHERE declaration_id = \(declaration)"),
                ("declaration", "DELETE FROM declaration WHERE id = \(declaration)"),
            ]
        }
        statements += [
            ("claim_note", "DELETE FROM claim_note WHERE claim_id = \(claim)"),
            ("claim_document", "DELETE FROM claim_document WHERE claim_id = \(claim)"),
            ("signed_letter", "DELETE FROM signed_letter WHERE claim_id = \(claim)"),
            ("claim_undelivered_message", "DELETE FROM claim_undelivered_message WHERE claim_id = \(claim)"),
            (
                "information_request",
                "UPDATE information_request SET message = '', answer_message = NULL WHERE claim_id = \(claim)"
            ),
            (
                "decision",
                """
                UPDATE decision SET body = '', breakdown = NULL, returned_comment = NULL, refusal_reason = NULL,
                    payment_details_sealed = NULL, payment_details_key_id = NULL
                WHERE claim_id = \(claim)
                """
            ),
            ("payment_order", "UPDATE payment_order SET body = '' WHERE claim_id = \(claim)"),
            (
                "claim",
                """
                UPDATE claim SET snapshot = NULL, claimant_first_name = '', claimant_last_name = '',
                    claimant_email = NULL, postal_code = '', commune = '',
                    door_break_date = date_trunc('month', door_break_date)::date, search_text = lower(reference),
                    purged_at = \(now)
                WHERE id = \(claim)
                """
            ),
        ]
        return Removed(counts: try await connection.removals(statements, logger: logger), questionFolders: questions)
    }
}
