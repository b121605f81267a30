import Foundation
import Persistence
import PostgresNIO
import ServiceKit
import Testing
import TestSupport

@testable import Documents
@testable import Instruction
@testable import Intake
@testable import Liaison
@testable import Notification

/// Each service's runtime role reaches its own schema only, and cannot change its structure.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct SchemaIsolationTests {
    @Test func everyRuntimeRoleIsRefusedOnEveryOtherSchema() async throws {
        let database = try await TestDatabase.create(migrations: [
            "intake": try IntakeService.allMigrations(),
            "documents": try DocumentsService.allMigrations(),
            "instruction": try InstructionService.allMigrations(),
            "liaison": try LiaisonService.allMigrations(),
            "notification": try NotificationService.allMigrations(),
        ])
        for service in TestDatabase.services {
            try await database.settings(service).withClient(logger: TestDatabase.logger) { client in
                // Its own tables: readable and writable.
                try await client.query("SELECT count(*) FROM inbox", logger: TestDatabase.logger)
                try await client.query(
                    "INSERT INTO inbox (consumer, message_id, event_name) VALUES ('probe', \(UUID()), 'probe')",
                    logger: TestDatabase.logger
                )
                // No structure changes at run time.
                await expectRefused(client, "CREATE TABLE intruder (id int)")
                await expectRefused(client, "DROP TABLE inbox")
                // Nothing in any other schema, nor in public.
                for other in TestDatabase.services where other != service {
                    await expectRefused(client, "SELECT count(*) FROM \(other).inbox")
                    await expectRefused(client, "INSERT INTO \(other).outbox (message_id) VALUES (gen_random_uuid())")
                }
                await expectRefused(client, "CREATE TABLE public.intruder (id int)")
            }
        }
        try await database.drop()
    }

    private func expectRefused(_ client: PostgresClient, _ sql: String) async {
        do {
            try await client.query(PostgresQuery(unsafeSQL: sql), logger: TestDatabase.logger)
            Issue.record("expected permission denied for: \(sql)")
        } catch let error as PSQLError {
            // 42501 insufficient_privilege; DROP on a table one does not own reports 42501 too.
            #expect(error.serverInfo?[.sqlState] == "42501", "\(sql): \(String(describing: error.serverInfo?[.sqlState]))")
        } catch {
            Issue.record("unexpected error for \(sql): \(error)")
        }
    }
}
