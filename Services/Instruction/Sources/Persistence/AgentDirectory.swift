import Foundation
import HummingbirdBcrypt
import Logging
import PostgresNIO
import WebUI

/// Local agent accounts (development and demos; production agents sign in with ProConnect).
struct AgentDirectory: Sendable {
    /// Roles of DESIGN.md §7.
    static let roles = ["attributeur", "redacteur", "validateur", "liaison-budget", "gestionnaire", "consultation"]

    let client: PostgresClient
    let logger: Logger

    /// The active agent with these credentials, if any.
    func verify(email: String, password: String) async throws -> StaffMember? {
        let rows = try await client.query(
            "SELECT id, display_name, roles, password_hash FROM agent WHERE email = \(email) AND active",
            logger: logger
        )
        for try await (id, name, roles, hash) in rows.decode((UUID, String, [String], String).self) {
            guard Bcrypt.verify(password, hash: hash) else { return nil }
            return StaffMember(id: id, displayName: name, roles: roles)
        }
        return nil
    }

    /// Creates or resets one demo account per role; returns (e-mail, password) pairs to print.
    func seedDemoAccounts() async throws -> [(email: String, password: String)] {
        var created: [(String, String)] = []
        for role in Self.roles {
            let email = "\(role)@agents.mij.test"
            let password = DemoPassword.make()
            try await client.query(
                """
                INSERT INTO agent (id, email, display_name, roles, password_hash)
                VALUES (\(UUID()), \(email), \("Agent " + role), \([role]), \(Bcrypt.hash(password, cost: 10)))
                ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, active = true
                """,
                logger: logger
            )
            created.append((email, password))
        }
        return created
    }
}
