import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Liaison

/// Liaison's answer to an access request about an occupant: every table of the schema is either in the answer or
/// not for a reason written in the inventory, every column of the declaration reaches the answer but for those left
/// out, and the procedure stays out of it.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct LiaisonSubjectAccessTests {
    @Test func theAnswerGivesTheOccupantsPartOfEveryDeclarationAndNotTheProcedure() async throws {
        let harness = try await LiaisonHarness.make()
        try await harness.run { harness, client in
            let me = try await harness.investigator(unit: "GN-BR-69", force: "GN")
            let declaration = try await harness.draftDeclaration(as: me, client)
            let answer = try await harness.platform.client.withConnection { connection in
                try await SubjectRequestHandler.access(
                    "Lucie.Bernard@example.org",
                    on: connection,
                    logger: TestDatabase.logger
                )
            }
            #expect(answer.records == 1)
            let gaps = try await harness.database.gaps(
                in: SubjectRequestHandler.inventory,
                schema: "liaison",
                answer: Data(answer.data.utf8)
            )
            #expect(gaps.isEmpty, "\(gaps)")
            for value in ["Bernard", "Lucie", "lucie.bernard@example.org", "12 rue Garibaldi", "Lyon"] {
                #expect(answer.data.contains(value), "the answer lacks \(value)")
            }
            for confidential in ["2026-000123", "Brigade de recherches de Lyon", "Parquet de Lyon", "GN-BR-69"] {
                #expect(!answer.data.contains(confidential), "the procedure's \(confidential) was given")
            }
        }
    }
}
