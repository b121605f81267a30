import Foundation
import Logging
import PostgresNIO

/// The agents' accounts as a staff manager handles them: declared by address (ProConnect links them on first
/// sign-in), roles granted or withdrawn, accounts disabled. Every change is written to the audit log with it.
struct StaffAccounts: Sendable {
    /// One account as the management pages list it.
    struct Account: Sendable, Equatable {
        var id: UUID
        var email: String
        var displayName: String
        var roles: Set<AgentRole>
        var active: Bool
    }

    let client: PostgresClient
    let logger: Logger
    var clock: @Sendable () -> Date = { Date() }

    func all() async throws -> [Account] {
        try await accounts(
            "SELECT id, email, display_name, roles, active FROM agent ORDER BY active DESC, display_name, email"
        )
    }

    func account(_ id: UUID) async throws -> Account? {
        try await accounts("SELECT id, email, display_name, roles, active FROM agent WHERE id = \(id)").first
    }

    private func accounts(_ query: PostgresQuery) async throws -> [Account] {
        let rows = try await client.query(query, logger: logger)
        var accounts: [Account] = []
        for try await (id, email, name, roles, active) in rows.decode((UUID, String, String, [String], Bool).self) {
            accounts.append(
                Account(id: id, email: email, displayName: name, roles: AgentDirectory.roles(roles), active: active)
            )
        }
        return accounts
    }

    /// Declares an agent; refused when the address is already known.
    func declare(_ input: StaffAccountInput, by manager: Agent) async throws -> UUID {
        let id = UUID()
        // Refusals are returned, not thrown: the transaction wraps what its body throws.
        let declared = try await client.withTransaction(logger: logger) { connection in
            let inserted = try await connection.query(
                """
                INSERT INTO agent (id, email, display_name, roles, password_hash)
                VALUES (\(id), \(input.email), \(input.displayName), \(input.roles.map(\.rawValue).sorted()), '')
                ON CONFLICT (email) DO NOTHING RETURNING id
                """,
                logger: logger
            )
            guard try await inserted.collect().count == 1 else { return false }
            try await audit("declareAgent", agent: id, roles: input.roles, active: true, by: manager, on: connection)
            return true
        }
        guard declared else {
            throw InvalidActionInput("email", "Un compte existe déjà pour cette adresse : modifiez-le dans la liste.")
        }
        return id
    }

    /// Grants and withdraws roles, enables or disables the account. A manager keeps their own access.
    func change(_ id: UUID, roles: Set<AgentRole>, active: Bool, by manager: Agent) async throws {
        if id == manager.id, !active || !roles.contains(.staffManager) {
            throw InvalidActionInput(
                "roles",
                "Vous ne pouvez pas retirer votre propre rôle de gestionnaire ni désactiver votre compte."
            )
        }
        let changed = try await client.withTransaction(logger: logger) { connection in
            let updated = try await connection.query(
                "UPDATE agent SET roles = \(roles.map(\.rawValue).sorted()), active = \(active) WHERE id = \(id) RETURNING id",
                logger: logger
            )
            guard try await updated.collect().count == 1 else { return false }
            try await audit("changeAgent", agent: id, roles: roles, active: active, by: manager, on: connection)
            return true
        }
        guard changed else { throw AccountNotFound() }
    }

    private func audit(
        _ action: String,
        agent: UUID,
        roles: Set<AgentRole>,
        active: Bool,
        by manager: Agent,
        on connection: PostgresConnection
    ) async throws {
        let detail = String(
            decoding: try JSONEncoder().encode([
                "agent": agent.uuidString.lowercased(), "roles": roles.map(\.rawValue).sorted().joined(separator: ","),
                "active": active ? "true" : "false",
            ]),
            as: UTF8.self
        )
        try await connection.query(
            """
            INSERT INTO audit_entry (occurred_at, agent_id, action, detail)
            VALUES (\(clock()), \(manager.id), \(action), \(detail)::jsonb)
            """,
            logger: logger
        )
    }
}

/// No agent has this id.
struct AccountNotFound: Error {}
