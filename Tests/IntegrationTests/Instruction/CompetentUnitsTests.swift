import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
import ReferenceData
import ServiceKit
import TestSupport
import Testing

@testable import Instruction

/// A claim filed without the investigators' declaration shows the units that may have operated, from the official
/// reference data: the claimant's force in the claim's département, the door break's commune first.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct CompetentUnitsTests {
    @Test func aClaimWithoutADeclarationListsTheUnitsOfItsForceAndPlace() async throws {
        try await InstructionHarness.make().run { harness in
            try await ReferenceImporter(client: harness.platform.client, logger: TestDatabase.logger)
                .importAll(from: ReferenceSettings.sampleDirectory)
            var lyon = ClaimFixtures.submitted(number: 21)
            lyon.doorBreak.force = "PN"
            lyon.doorBreak.department = "69"
            let claim = try await harness.claim(lyon).claimId
            let reader = try await harness.agent(["consultation"])
            try await Application(router: harness.router).test(.router) { client in
                let page = try await harness.get(
                    client,
                    "/agents/dossiers/\(claim.uuidString.lowercased())",
                    as: reader
                )
                #expect(page.status == .ok)
                #expect(page.text.contains("Unités compétentes"))
                #expect(page.text.contains("Unités de police du département Rhône"))
                let third = try #require(page.text.range(of: "Commissariat central de Lyon 3e arrondissement"))
                let sixth = try #require(page.text.range(of: "Commissariat central de Lyon 6e arrondissement"))
                #expect(third.lowerBound < sixth.lowerBound, "same commune, then by name")
                #expect(!page.text.contains("Brigade"), "no gendarmerie unit for a police operation")
            }
        }
    }
}
