import Foundation
import HummingbirdBcrypt
import Logging
import PostgresNIO
import WebUI

/// Local investigator accounts, each attached to a force and a unit.
struct InvestigatorDirectory: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// The active investigator with these credentials, if any; their force and unit become roles.
    func verify(email: String, password: String) async throws -> StaffMember? {
        let rows = try await client.query(
            "SELECT id, display_name, force, unit_code, password_hash FROM investigator WHERE email = \(email) AND active",
            logger: logger
        )
        for try await (id, name, force, unit, hash) in rows.decode((UUID, String, String, String, String).self) {
            guard Bcrypt.verify(password, hash: hash) else { return nil }
            return StaffMember(id: id, displayName: name, roles: ["force:\(force)", "unit:\(unit)"])
        }
        return nil
    }

    /// Creates or resets the demo investigator; returns the credentials to print.
    func seedDemoAccount() async throws -> (email: String, password: String) {
        let email = "enqueteur@fdo.mij.test"
        let password = DemoPassword.make()
        try await client.query(
            """
            INSERT INTO investigator (id, email, display_name, force, unit_code, password_hash)
            VALUES (\(UUID()), \(email), 'Enquêteur de démonstration', 'PN', 'DEMO-75-001', \(Bcrypt.hash(password, cost: 10)))
            ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, active = true
            """,
            logger: logger
        )
        return (email, password)
    }
}
