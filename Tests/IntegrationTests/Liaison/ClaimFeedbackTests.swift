import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
import Messaging
import ServiceKit
import TestSupport
import Testing

@testable import Liaison

/// The unit follows the claim its declaration started through the real bus: filed with its reference, then each
/// step of instruction, never moving back when a late event arrives, and without the claimant's data.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct ClaimFeedbackTests {
    @Test func theUnitSeesTheClaimFiledThenPaidAndALateStepDoesNotUndoIt() async throws {
        let harness = try await LiaisonHarness.make()
        let services = harness.platform.services(subscriptions: LiaisonSubscriptions.all())
        try await withRunningServices(services) {
            try await Application(router: harness.router).test(.router) { client in
                let me = try await harness.investigator(unit: "GN-BR-69", force: "GN")
                let declarationPath = try await harness.draftDeclaration(as: me, client)
                _ = try await client.post("\(declarationPath)/transmission", as: me)
                #expect(try await client.get("/fdo", as: me).text.contains("Invitation en attente"))
                let declared = try #require(
                    try await harness.platform.client.outboxEvents(
                        DeclarationSubmitted.self,
                        logger: TestDatabase.logger
                    )
                    .first
                )
                var filed = ClaimFixtures.submitted(number: 42)
                filed.declarationId = declared.declarationId
                let claim = filed.claimId
                let started = Date().addingTimeInterval(-3600)
                // Published by the other services in real life; here through liaison's own outbox and relay.
                try await harness.platform.outbox.transaction(context: MessageContext(), logger: TestDatabase.logger) {
                    _,
                    events in
                    try await events.append(filed)
                    try await events.append(
                        ClaimPaid(
                            claimId: claim,
                            reference: filed.reference,
                            amountCents: 125_000,
                            paidOn: "2026-12-01",
                            recordedAt: Date()
                        )
                    )
                    try await events.append(
                        InstructionStarted(claimId: claim, reference: filed.reference, startedAt: started)
                    )
                }
                let followed = await eventually {
                    try await client.get(declarationPath, as: me).text.contains("Indemnisation versée")
                }
                #expect(followed, "the unit does not see the payment")
                let page = try await client.get(declarationPath, as: me).text
                #expect(page.contains("Dossier \(filed.reference) : Indemnisation versée"))
                #expect(
                    !page.contains(filed.claimant.lastName) && !page.contains("1 250"),
                    "no claimant data, no amount"
                )
                #expect(try await client.get("/fdo", as: me).text.contains("Indemnisation versée"))
            }
        }
        try await harness.database.drop()
    }
}
