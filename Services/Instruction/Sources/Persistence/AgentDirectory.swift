import Contracts
import Foundation
import Logging
import PostgresNIO
import WebUI

/// Agents' accounts: local ones for development and demos (production agents sign in with ProConnect), and the
/// lookups the pages and rules need.
struct AgentDirectory: Sendable {
    let client: PostgresClient
    let logger: Logger
    var hasher = PasswordHasher()

    /// The active agent with these credentials, if any (a missing account costs the same time as a wrong password).
    func verify(email: String, password: String) async throws -> Agent? {
        let rows = try await client.query(
            "SELECT id, display_name, roles, password_hash FROM agent WHERE email = \(email.lowercased()) AND active",
            logger: logger
        )
        var found: (agent: Agent, hash: String)?
        for try await (id, name, roles, hash) in rows.decode((UUID, String, [String], String).self) {
            found = (Agent(id: id, displayName: name, roles: Self.roles(roles)), hash)
        }
        guard try await hasher.verify(password, against: found?.hash), let found else { return nil }
        return found.agent
    }

    /// The active agent with this id: read on every request, so a disabled account or a withdrawn role takes
    /// effect at once.
    func agent(_ id: UUID) async throws -> Agent? {
        let rows = try await client.query(
            "SELECT display_name, roles FROM agent WHERE id = \(id) AND active",
            logger: logger
        )
        for try await (name, roles) in rows.decode((String, [String]).self) {
            return Agent(id: id, displayName: name, roles: Self.roles(roles))
        }
        return nil
    }

    /// The active agent ProConnect vouches for: known by this identity, or declared at this address and not linked
    /// to another identity yet (then linked). Nil for anyone the office has not declared.
    func proConnectAgent(subject: String, email: String) async throws -> Agent? {
        let rows = try await client.query(
            """
            UPDATE agent SET proconnect_sub = \(subject)
            WHERE id = coalesce(
                (SELECT id FROM agent WHERE proconnect_sub = \(subject)),
                (SELECT id FROM agent WHERE email = \(email.lowercased()) AND proconnect_sub IS NULL))
              AND active
            RETURNING id, display_name, roles
            """,
            logger: logger
        )
        for try await (id, name, roles) in rows.decode((UUID, String, [String]).self) {
            return Agent(id: id, displayName: name, roles: Self.roles(roles))
        }
        return nil
    }

    func wantsDailyDigest(_ id: UUID) async throws -> Bool {
        let rows = try await client.query("SELECT daily_digest FROM agent WHERE id = \(id)", logger: logger)
        for try await wants in rows.decode(Bool.self) { return wants }
        return false
    }

    func setDailyDigest(_ id: UUID, _ wanted: Bool) async throws {
        try await client.query("UPDATE agent SET daily_digest = \(wanted) WHERE id = \(id)", logger: logger)
    }

    /// Active rédacteurs, by name: who a claim can be assigned to.
    func redacteurs() async throws -> [Agent] {
        let rows = try await client.query(
            """
            SELECT id, display_name, roles FROM agent
            WHERE active AND \(AgentRole.redacteur.rawValue) = ANY (roles) ORDER BY display_name, id
            """,
            logger: logger
        )
        var agents: [Agent] = []
        for try await (id, name, roles) in rows.decode((UUID, String, [String]).self) {
            agents.append(Agent(id: id, displayName: name, roles: Self.roles(roles)))
        }
        return agents
    }

    /// The active agents holding `role` (but `except`), to tell them of work waiting for them.
    static func contacts(
        holding role: AgentRole,
        except excluded: UUID? = nil,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> [AgentContact] {
        let rows = try await connection.query(
            """
            SELECT id, display_name, email FROM agent
            WHERE active AND \(role.rawValue) = ANY (roles) AND id IS DISTINCT FROM \(excluded)
            ORDER BY display_name, id
            """,
            logger: logger
        )
        var contacts: [AgentContact] = []
        for try await (id, name, email) in rows.decode((UUID, String, String).self) {
            contacts.append(AgentContact(agentId: id, displayName: name, email: email))
        }
        return contacts
    }

    /// Creates or resets one demo account per role, plus a second rédacteur and a second validateur (four eyes);
    /// returns (e-mail, password) pairs to print.
    func seedDemoAccounts() async throws -> [(email: String, password: String)] {
        let accounts: [(String, String, AgentRole)] =
            AgentRole.allCases.map { ($0.rawValue, "Agent \($0.label.lowercased())", $0) } + [
                ("redacteur-2", "Agent rédacteur 2", .redacteur), ("validateur-2", "Agent validateur 2", .validateur),
            ]
        var created: [(String, String)] = []
        for (name, displayName, role) in accounts {
            let email = "\(name)@agents.mij.test"
            let password = DemoPassword.make()
            try await client.query(
                """
                INSERT INTO agent (id, email, display_name, roles, password_hash)
                VALUES (\(UUID()), \(email), \(displayName), \([role.rawValue]), \(try await hasher.hash(password)))
                ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, active = true
                """,
                logger: logger
            )
            created.append((email, password))
        }
        return created
    }

    static func roles(_ stored: [String]) -> Set<AgentRole> {
        Set(stored.compactMap(AgentRole.init(rawValue:)))
    }
}
