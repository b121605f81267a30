import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Instruction

/// Staff management by a gestionnaire: declaring an agent (checked field by field, an address only once),
/// granting roles and disabling an account — effective on the agent's next page —, every change audited; a
/// manager keeps their own access; nobody else reaches these pages.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct StaffTests {
    @Test func aStaffManagerDeclaresAnAgentGrantsRolesAndDisablesTheAccount() async throws {
        try await InstructionHarness.make().run { harness in
            let manager = try await harness.agent(["gestionnaire"], name: "Gaëlle Gestion")
            try await Application(router: harness.router).test(.router) { client in
                let invalid = try await harness.post(
                    client,
                    "/agents/gestion",
                    as: manager,
                    [("email", "pas-une-adresse"), ("nom", "Inès Nouvelle"), ("roles", "chef")]
                )
                #expect(invalid.status == .unprocessableContent)
                for message in [
                    "Saisissez l’adresse électronique professionnelle", "Un des rôles choisis n’existe pas",
                ] {
                    #expect(invalid.text.contains(message), "\(message)")
                }
                #expect(invalid.text.contains(#"value="Inès Nouvelle""#), "what was typed is kept")
                let declared = try await harness.post(
                    client,
                    "/agents/gestion",
                    as: manager,
                    [("email", " Ines.Nouvelle@justice.gouv.fr"), ("nom", "Inès Nouvelle"), ("roles", "redacteur")]
                )
                #expect(declared.status == .seeOther && declared.headers[.location] == "/agents/gestion?fait=declare")
                let again = try await harness.post(
                    client,
                    "/agents/gestion",
                    as: manager,
                    [("email", "ines.nouvelle@justice.gouv.fr"), ("nom", "Autre"), ("roles", "validateur")]
                )
                #expect(again.status == .unprocessableContent && again.text.contains("Un compte existe déjà"))
                let list = try await harness.get(client, "/agents/gestion?fait=declare", as: manager).text
                #expect(list.contains("ines.nouvelle@justice.gouv.fr") && list.contains("L’agent est déclaré"))
                let id = try #require(try await Self.agentId(harness, "ines.nouvelle@justice.gouv.fr"))
                let page = "/agents/gestion/\(id.uuidString.lowercased())"
                #expect(try await harness.get(client, page, as: manager).text.contains(#"value="redacteur" checked"#))

                let noRole = try await harness.post(client, page, as: manager, [("actif", "oui")])
                #expect(noRole.status == .unprocessableContent && noRole.text.contains("Choisissez au moins un rôle"))
                let granted = try await harness.post(
                    client,
                    page,
                    as: manager,
                    [("roles", "redacteur"), ("roles", "validateur"), ("actif", "oui")]
                )
                #expect(granted.status == .seeOther)
                #expect(
                    try await harness.count(
                        "SELECT count(*) FROM instruction.agent WHERE roles = '{redacteur,validateur}'"
                    ) == 1
                )

                // A signed-in agent loses access on their next page once disabled.
                let redacteur = try await harness.agent(["redacteur"])
                #expect(try await harness.get(client, "/agents/dossiers", as: redacteur).status == .ok)
                let disabled = try await harness.post(
                    client,
                    "/agents/gestion/\(redacteur.id.uuidString.lowercased())",
                    as: manager,
                    [("roles", "redacteur")]
                )
                #expect(disabled.status == .seeOther)
                let after = try await harness.get(client, "/agents/dossiers", as: redacteur)
                #expect(after.status == .seeOther && after.headers[.location]?.hasPrefix("/agents/connexion") == true)

                let own = try await harness.post(
                    client,
                    "/agents/gestion/\(manager.id.uuidString.lowercased())",
                    as: manager,
                    [("roles", "consultation"), ("actif", "oui")]
                )
                #expect(own.status == .unprocessableContent && own.text.contains("votre propre rôle de gestionnaire"))
            }
            let audited = try await harness.count(
                """
                SELECT count(*) FROM instruction.audit_entry
                WHERE agent_id = '\(manager.id)' AND claim_id IS NULL AND action IN ('declareAgent', 'changeAgent')
                """
            )
            #expect(audited == 3, "the declaration, the grant and the deactivation")
            #expect(try await harness.count("SELECT count(*) FROM instruction.agent") == 3, "refusals wrote nothing")
        }
    }

    @Test func onlyAStaffManagerReachesTheStaffPages() async throws {
        try await InstructionHarness.make().run { harness in
            let redacteur = try await harness.agent(["redacteur", "validateur"])
            let manager = try await harness.agent(["gestionnaire"])
            let target = "/agents/gestion/\(redacteur.id.uuidString.lowercased())"
            try await Application(router: harness.router).test(.router) { client in
                for path in ["/agents/gestion", target] {
                    let anonymous = try await harness.get(client, path, as: nil)
                    #expect(anonymous.headers[.location]?.hasPrefix("/agents/connexion") == true, "\(path)")
                    #expect(try await harness.get(client, path, as: redacteur).status == .forbidden, "\(path)")
                    let posted = try await harness.post(client, path, as: redacteur, [("roles", "gestionnaire")])
                    #expect(posted.status == .forbidden, "\(path)")
                }
                let unknown = "/agents/gestion/\(UUID().uuidString.lowercased())"
                #expect(try await harness.get(client, unknown, as: manager).status == .notFound)
                let forged = try await harness.post(
                    client,
                    target,
                    as: manager,
                    [("roles", "gestionnaire")],
                    csrf: false
                )
                #expect(forged.status == .forbidden, "no CSRF token")
            }
            #expect(
                try await harness.count("SELECT count(*) FROM instruction.agent WHERE 'gestionnaire' = ANY (roles)")
                    == 1
            )
        }
    }

    private static func agentId(_ harness: InstructionHarness, _ email: String) async throws -> UUID? {
        let rows = try await harness.platform.client.query(
            "SELECT id FROM agent WHERE email = \(email)",
            logger: TestDatabase.logger
        )
        for try await id in rows.decode(UUID.self) { return id }
        return nil
    }
}
