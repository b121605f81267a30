import Foundation
import PostgresNIO
import WebUI

/// Investigators who sign in with ProConnect: found by their identity (or linked, the first time, to the local
/// account with their professional address), or enrolled once they declared their posting.
extension InvestigatorDirectory {
    static let enrolmentLifetime: TimeInterval = 30 * 60

    /// A new ProConnect identity waiting to declare its posting.
    struct Enrolment: Sendable, Equatable {
        var email: String
        var displayName: String
        /// Known from the SIRET; nil when the person chooses.
        var force: String?
    }

    /// The active investigator with this ProConnect identity, linked on first use by their address.
    func proConnectInvestigator(subject: String, email: String) async throws -> Investigator? {
        let rows = try await client.query(
            """
            UPDATE investigator SET proconnect_sub = \(subject)
            WHERE id = coalesce(
                (SELECT id FROM investigator WHERE proconnect_sub = \(subject)),
                (SELECT id FROM investigator WHERE email = \(email.lowercased()) AND proconnect_sub IS NULL))
              AND active
            RETURNING id
            """,
            logger: logger
        )
        for try await id in rows.decode(UUID.self) { return try await investigator(id) }
        return nil
    }

    /// Keeps a new identity for thirty minutes, with its ID token for the session it will open; the token for its
    /// cookie.
    func startEnrolment(
        subject: String,
        email: String,
        displayName: String,
        force: String?,
        idToken: String?,
        now: Date
    ) async throws -> String {
        let token = SecretToken()
        try await client.query(
            "DELETE FROM investigator_enrolment WHERE expires_at < \(now)",
            logger: logger
        )
        try await client.query(
            """
            INSERT INTO investigator_enrolment (token_sha256, subject, email, display_name, force, expires_at, id_token)
            VALUES (\(token.digest), \(subject), \(email.lowercased()), \(displayName), \(force),
                    \(now.addingTimeInterval(Self.enrolmentLifetime)), \(idToken))
            """,
            logger: logger
        )
        return token.value
    }

    /// The enrolment a cookie's token names, while it lasts.
    func enrolment(token: String, now: Date) async throws -> Enrolment? {
        guard let token = SecretToken(received: token) else { return nil }
        let rows = try await client.query(
            """
            SELECT email, display_name, force FROM investigator_enrolment
            WHERE token_sha256 = \(token.digest) AND expires_at >= \(now)
            """,
            logger: logger
        )
        for try await (email, name, force) in rows.decode((String, String, String?).self) {
            return Enrolment(email: email, displayName: name, force: force)
        }
        return nil
    }

    /// Creates the investigator of an enrolment with their posting (the force from the SIRET wins over the form);
    /// nil when the enrolment expired or was already used. The ID token is the one ProConnect gave at sign-in.
    func enrol(token: String, posting: Posting, now: Date) async throws -> (id: UUID, idToken: String?)? {
        guard let token = SecretToken(received: token) else { return nil }
        let id = UUID()
        let rows = try await client.query(
            """
            WITH used AS (
                DELETE FROM investigator_enrolment WHERE token_sha256 = \(token.digest) AND expires_at >= \(now)
                RETURNING subject, email, display_name, force, id_token
            )
            INSERT INTO investigator (id, email, display_name, force, unit_code, unit_name, proconnect_sub)
            SELECT \(id), email, display_name, coalesce(force, \(posting.force)), \(posting.unitCode),
                   \(posting.unitName), subject
            FROM used
            ON CONFLICT (email) DO NOTHING
            RETURNING id, (SELECT id_token FROM used)
            """,
            logger: logger
        )
        for try await (created, idToken) in rows.decode((UUID, String?).self) { return (created, idToken) }
        return nil
    }
}
