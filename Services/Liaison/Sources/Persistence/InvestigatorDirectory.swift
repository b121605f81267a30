import Foundation
import HummingbirdBcrypt
import Logging
import PostgresNIO
import WebUI

/// Local investigator accounts, each attached to a force and a unit.
struct InvestigatorDirectory: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// The active investigator with these credentials, if any.
    func verify(email: String, password: String) async throws -> Investigator? {
        let rows = try await client.query(
            "SELECT id, password_hash FROM investigator WHERE email = \(email) AND active",
            logger: logger
        )
        for try await (id, hash) in rows.decode((UUID, String).self) {
            guard Bcrypt.verify(password, hash: hash) else { return nil }
            return try await investigator(id)
        }
        return nil
    }

    /// The active investigator with this id, read afresh (a deactivated account loses access at once).
    func investigator(_ id: UUID) async throws -> Investigator? {
        let rows = try await client.query(
            "SELECT display_name, force, unit_code, unit_name FROM investigator WHERE id = \(id) AND active",
            logger: logger
        )
        for try await (name, force, unitCode, unitName) in rows.decode((String, String, String, String).self) {
            return Investigator(id: id, displayName: name, force: force, unitCode: unitCode, unitName: unitName)
        }
        return nil
    }

    /// Creates or resets a local account (development, demos and tests); returns its id.
    @discardableResult
    func upsert(
        email: String,
        password: String,
        displayName: String,
        force: String,
        unitCode: String,
        unitName: String
    ) async throws -> UUID {
        let rows = try await client.query(
            """
            INSERT INTO investigator (id, email, display_name, force, unit_code, unit_name, password_hash)
            VALUES (\(UUID()), \(email), \(displayName), \(force), \(unitCode), \(unitName),
                    \(Bcrypt.hash(password, cost: 10)))
            ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, active = true,
                display_name = EXCLUDED.display_name, force = EXCLUDED.force, unit_code = EXCLUDED.unit_code,
                unit_name = EXCLUDED.unit_name
            RETURNING id
            """,
            logger: logger
        )
        for try await id in rows.decode(UUID.self) { return id }
        throw InvestigatorNotSavedError()
    }

    /// Creates or resets the demo investigator; returns the credentials to print.
    func seedDemoAccount() async throws -> (email: String, password: String) {
        let email = "enqueteur@fdo.mij.test"
        let password = DemoPassword.make()
        try await upsert(
            email: email,
            password: password,
            displayName: "Enquêteur de démonstration",
            force: "PN",
            unitCode: "DEMO-75-001",
            unitName: "Commissariat de démonstration (Paris 11e)"
        )
        return (email, password)
    }
}

/// The account upsert returned no row (cannot happen with a working database).
struct InvestigatorNotSavedError: Error {}
