import Foundation
import ServiceKit
import TestSupport
import Testing

@testable import Documents

/// Every table of documents' schema says why it is not in an access answer (intake's answer lists the files).
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct DocumentsPersonalDataTests {
    @Test func everyTableIsAccountedFor() async throws {
        let database = try await TestDatabase.create(migrations: ["documents": try DocumentsService.allMigrations()])
        let gaps = try await database.gaps(
            in: DocumentsPersonalData.inventory,
            schema: "documents",
            answer: Data("{}".utf8)
        )
        #expect(gaps.isEmpty, "\(gaps)")
        try await database.drop()
    }
}
