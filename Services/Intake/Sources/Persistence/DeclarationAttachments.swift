import Contracts
import Crypto
import Foundation
import Logging
import Messaging
import PostgresNIO
import WebUI

/// Attaching an investigators' declaration to a claimant's claim with its code (domain.md §6.3, better than today):
/// the code finds the declaration; when the investigators declared the occupant's e-mail address or mobile number,
/// a one-time confirmation code sent there proves the claimant is that occupant; then the claimant's draft is pre-filled and
/// linked, once and for all.
struct DeclarationAttachments: Sendable {
    let outbox: TransactionalOutbox
    let logger: Logger
    var clock: @Sendable () -> Date = { Date() }

    static let confirmationLifetime: TimeInterval = 15 * 60
    static let confirmationAttempts = 5

    /// A declaration that a code found and that can still be attached.
    struct Found: Sendable, Equatable {
        var id: UUID
        /// Where the confirmation code goes: the e-mail address, else the mobile number the investigators declared;
        /// neither when they declared no contact (the code, handed over in person or left on site, is then the proof).
        var occupantEmail: String?
        var occupantPhone: String?

        var isConfirmedByCode: Bool { occupantEmail != nil || occupantPhone != nil }
    }

    private var client: PostgresClient { outbox.client }

    /// The declaration with this code, unless it expired or already served.
    func find(_ code: DeclarationCode) async throws -> Found? {
        let rows = try await client.query(
            """
            SELECT id, occupant_email, occupant_phone FROM declaration
            WHERE code = \(code.value) AND claim_id IS NULL AND code_expires_at > \(clock())
            """,
            logger: logger
        )
        for try await (id, email, phone) in rows.decode((UUID, String?, String?).self) {
            return Found(id: id, occupantEmail: email, occupantPhone: phone)
        }
        return nil
    }

    /// Sends a fresh confirmation code to the occupant's declared contact (replacing any earlier one).
    func sendConfirmation(for declaration: Found, account: UUID, context: MessageContext) async throws {
        guard declaration.isConfirmedByCode else { return }
        let code = String(format: "%06d", Int.random(in: 0...999_999))
        let expires = clock().addingTimeInterval(Self.confirmationLifetime)
        try await outbox.transaction(context: context, logger: logger) { connection, events in
            try await connection.query(
                """
                INSERT INTO attach_challenge (account_id, declaration_id, code_sha256, expires_at)
                VALUES (\(account), \(declaration.id), \(Self.digest(code, declaration.id)), \(expires))
                ON CONFLICT (account_id, declaration_id) DO UPDATE
                    SET code_sha256 = EXCLUDED.code_sha256, expires_at = EXCLUDED.expires_at, attempts = 0
                """,
                logger: logger
            )
            try await events.append(
                AttachConfirmationRequested(
                    email: declaration.occupantEmail,
                    phone: declaration.occupantEmail == nil ? declaration.occupantPhone : nil,
                    confirmationCode: code,
                    expiresAt: expires
                )
            )
        }
    }

    /// What checking a typed confirmation code came to.
    enum Confirmation: Sendable, Equatable {
        case confirmed
        case wrong(attemptsLeft: Int)
        /// Expired, used up, or never sent: a new code must be asked for.
        case unusable
    }

    /// Checks a typed confirmation code; every wrong try counts, and the code dies after the last one.
    func confirm(_ typed: String, declaration: UUID, account: UUID) async throws -> Confirmation {
        let digits = typed.filter(\.isNumber)
        let rows = try await client.query(
            """
            UPDATE attach_challenge SET attempts = attempts + 1
            WHERE account_id = \(account) AND declaration_id = \(declaration) AND expires_at > \(clock())
              AND attempts < \(Self.confirmationAttempts)
            RETURNING code_sha256, attempts
            """,
            logger: logger
        )
        for try await (stored, attempts) in rows.decode((Data, Int).self) {
            if stored == Self.digest(digits, declaration) { return .confirmed }
            return .wrong(attemptsLeft: Self.confirmationAttempts - attempts)
        }
        return .unusable
    }

    /// What attaching came to.
    enum Attachment: Sendable, Equatable {
        /// The draft now carries the declaration and its answers.
        case attached(claim: UUID)
        /// The code expired or another claim took the declaration meanwhile.
        case unavailable
        /// The claimant's draft already carries another declaration.
        case draftTaken
    }

    /// Pre-fills `draft` (answers already typed win) and links it to the declaration, publishing
    /// `DeclarationLinked`, in one transaction.
    func attach(_ declaration: UUID, to draft: UUID, owner: UUID, context: MessageContext) async throws -> Attachment {
        let now = clock()
        return try await outbox.transaction(context: context, logger: logger) { connection, events in
            let rows = try await connection.query(
                """
                SELECT force, operation_date::text, street_address, postal_code, commune, occupant_civility,
                       occupant_first_name, occupant_last_name, occupant_phone
                FROM declaration WHERE id = \(declaration) AND claim_id IS NULL AND code_expires_at > \(now)
                FOR UPDATE
                """,
                logger: logger
            )
            var prefill: [String: String]?
            for try await row in rows.decode(
                (String, String, String, String, String, String?, String?, String?, String?).self
            ) {
                prefill = Self.prefill(row)
            }
            guard let prefill else { return .unavailable }
            let json = String(decoding: try JSONEncoder().encode(prefill), as: UTF8.self)
            // Answers already typed win over the declaration's; empty ones do not count as typed.
            let linked = try await connection.query(
                """
                UPDATE claim SET declaration_id = \(declaration), updated_at = \(now),
                    answers = \(json)::jsonb || coalesce(
                        (SELECT jsonb_object_agg(key, value) FROM jsonb_each(answers) WHERE value <> '""'::jsonb),
                        '{}'::jsonb)
                WHERE id = \(draft) AND account_id = \(owner) AND status = \(ClaimState.draft) AND declaration_id IS NULL
                RETURNING id
                """,
                logger: logger
            )
            var found = false
            for try await _ in linked.decode(UUID.self) { found = true }
            guard found else { return .draftTaken }
            try await connection.query(
                "UPDATE declaration SET claim_id = \(draft) WHERE id = \(declaration)",
                logger: logger
            )
            try await connection.query(
                "DELETE FROM attach_challenge WHERE declaration_id = \(declaration)",
                logger: logger
            )
            try await events.append(
                DeclarationLinked(declarationId: declaration, claimId: draft, linkedAt: now),
                at: now
            )
            return .attached(claim: draft)
        }
    }

    /// The claim answers a declaration gives (claim form field names).
    private static func prefill(
        _ row: (String, String, String, String, String, String?, String?, String?, String?)
    ) -> [String: String] {
        let (force, date, street, postalCode, commune, civility, firstName, lastName, phone) = row
        var answers = [
            "force": force, "doorBreakDate": date, "streetAddress": street, "postalCode": postalCode,
            "commune": commune,
        ]
        answers["civility"] = civility.map { $0 == "monsieur" ? "M" : "MME" }
        answers["firstName"] = firstName
        answers["lastName"] = lastName
        answers["phone"] = phone
        return answers
    }

    /// Bound to the declaration, so a code's digest means nothing for another one.
    private static func digest(_ code: String, _ declaration: UUID) -> Data {
        Data(SHA256.hash(data: Data("\(declaration.uuidString):\(code)".utf8)))
    }
}
