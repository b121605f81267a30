import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Instruction

/// Junk forms on every POST route of the back office (FormFuzz): anonymous and as an agent holding every role,
/// with a claim in instruction assigned to them, its document and a question to the unit, unknown ids or junk in
/// the path.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct BackOfficeFuzzTests {
    @Test func junkFormsNeverBreakTheBackOfficeAndARefusedOneWritesNothing() async throws {
        let seed = Junk.seed()
        try await InstructionHarness.make().run { harness in
            let agent = try await harness.agent(AgentRole.allCases.map(\.rawValue), name: "Agent Polyvalent")
            var event = ClaimFixtures.submitted(number: 8)
            let document = UUID()
            event.documents = [.init(id: document, type: "rib")]
            let declaration = DeclarationFixtures.submitted()
            try await harness.platform.client.withConnection { connection in
                try await DeclarationSubmittedHandler.record(declaration, on: connection, logger: TestDatabase.logger)
            }
            event.declarationId = declaration.declarationId
            let claim = try await harness.inInstruction(event, assignee: agent)
            let query = UUID()
            try await harness.platform.client.query(
                """
                INSERT INTO investigator_query (id, claim_id, declaration_id, question, due_on, asked_by, asked_at)
                VALUES (\(query), \(claim), \(declaration.declarationId), 'Question ?', current_date + 10,
                        \(agent.id), now())
                """,
                logger: TestDatabase.logger
            )
            let parameters = [
                "id": claim, "document": document, "query": query, "agent": agent.id, "request": UUID(),
            ].mapValues { $0.uuidString.lowercased() }
            let routes = harness.router.routes.map { (method: $0.method, path: "\($0.path)") }
            try await Application(router: harness.router).test(.router) { client in
                var names = Set<String>()
                for route in routes where route.method == .get && route.path.hasPrefix("/agents") {
                    let page = try await client.get(RouteTemplate.filled(route.path, with: parameters), as: agent)
                    names.formUnion(Junk.fieldNames(in: page.text))
                }
                let posts = routes.filter { $0.method == .post }.map(\.path)
                #expect(
                    posts.count >= 15 && names.count >= 20,
                    "the fuzz run must cover the back office's forms: \(names)"
                )
                let fuzz = FormFuzz(seed: seed, database: harness.database, schema: "instruction")
                // Before the forms, whose last post signs the visitor out.
                let queries = try await fuzz.queries(
                    client,
                    gets: routes.filter { $0.method == .get }.map(\.path),
                    visitors: [nil, agent],
                    names: names.sorted(),
                    parameters: { _ in parameters }
                )
                let summary = try await fuzz.run(
                    client,
                    posts: posts,
                    visitors: [nil, agent],
                    names: names.sorted(),
                    parameters: { _ in parameters }
                )
                FileHandle.standardError.write(Data((summary + "\n" + queries + "\n").utf8))
            }
        }
    }
}
