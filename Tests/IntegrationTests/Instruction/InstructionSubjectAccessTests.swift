import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Instruction

/// The back office's answer to an access request (GDPR art. 15): every table of the schema is either in the answer
/// or not for a reason written in the inventory, every column of a reported table reaches the answer, and the
/// investigators' declaration stays out of it.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct InstructionSubjectAccessTests {
    @Test func theAnswerGivesEveryColumnOfEveryTableAboutTheClaimant() async throws {
        let harness = try await InstructionHarness.make()
        try await harness.run { harness in
            let agent = try await harness.agent(["redacteur"])
            let client = harness.platform.client
            let declaration = DeclarationFixtures.submitted()
            try await client.withConnection { connection in
                try await DeclarationSubmittedHandler.record(declaration, on: connection, logger: TestDatabase.logger)
            }
            var event = ClaimFixtures.submitted(number: 7)
            event.declarationId = declaration.declarationId
            let claim = try await harness.inInstruction(event, assignee: agent)
            try await Self.fillEveryReportedTable(about: claim, agent: agent.id, client: client)

            let answer = try await client.withConnection { connection in
                try await BackOfficeSubjectData(connection: connection, logger: TestDatabase.logger)
                    .access(event.claimant.email.uppercased())
            }
            #expect(answer.records == 1)
            let gaps = try await harness.database.gaps(
                in: BackOfficeSubjectData.inventory,
                schema: "instruction",
                answer: Data(answer.data.utf8)
            )
            #expect(gaps.isEmpty, "\(gaps)")
            for value in [event.reference, "Camille", "Pièce d’identité illisible", "Note de test", "claim-decision"] {
                #expect(answer.data.contains(value), "the answer lacks \(value)")
            }
            for confidential in ["2026-000123", "Brigade de recherches de Lyon", "Parquet de Lyon"] {
                #expect(!answer.data.contains(confidential), "the procedure's \(confidential) was given")
            }
        }
    }

    /// A row in each table the answer reports, about `claim`.
    private static func fillEveryReportedTable(about claim: UUID, agent: UUID, client: PostgresClient) async throws {
        let statements: [PostgresQuery] = [
            "INSERT INTO claim_note (id, claim_id, agent_id, body, created_at) VALUES (\(UUID()), \(claim), \(agent), 'Note de test', now())",
            """
            INSERT INTO information_request (id, claim_id, requested_by, requested_at, due_on, document_types, message,
                                             answered_at, answer_message)
            VALUES (\(UUID()), \(claim), \(agent), now(), current_date + 14, '{piece_identite}',
                    'Pièce d’identité illisible', now(), 'La voici')
            """,
            """
            INSERT INTO decision (claim_id, kind, breakdown, amount_cents, body, drafted_by, drafted_at, returned_comment,
                                  signed_by, signed_at, seal, answer_by, claimant_answer, claimant_answered_at,
                                  refusal_reason, counter_proposal_cents, payment_details_key_id,
                                  payment_details_sealed)
            VALUES (\(claim), 'offer', '{}', 125000, 'Proposition', \(agent), now(), 'À revoir', \(agent), now(),
                    'sceau-decision', current_date + 30, 'accepted', now(), 'aucun', 130000, 'k1', 'scellé')
            """,
            """
            INSERT INTO payment_order (claim_id, amount_cents, body, drafted_by, drafted_at, signed_by, signed_at, seal,
                                       batch_reference, transmitted_at, paid_on)
            VALUES (\(claim), 125000, 'Arrêté', \(agent), now(), \(agent), now(), 'sceau-arrete', 'LOT-1', now(),
                    current_date)
            """,
            """
            INSERT INTO signed_letter (document_id, claim_id, kind, seal, sha256, rendered_at)
            VALUES (\(UUID()), \(claim), 'decision', 'sceau-lettre', 'abc', now())
            """,
            "INSERT INTO claim_state_change (claim_id, state, entered_at, agent_id) VALUES (\(claim), 'EN_INSTRUCTION', now(), \(agent))",
            """
            INSERT INTO claim_document (claim_id, document_id, type, verdict, reason, reviewed_by, reviewed_at)
            VALUES (\(claim), \(UUID()), 'facture', 'rejected', 'Illisible', \(agent), now())
            """,
            """
            INSERT INTO claim_undelivered_message (claim_id, template, channel, failed_at)
            VALUES (\(claim), 'claim-decision', 'email', now())
            """,
            """
            INSERT INTO audit_entry (occurred_at, agent_id, action, claim_id, from_state, to_state)
            VALUES (now(), \(agent), 'start', \(claim), 'A_INSTRUIRE', 'EN_INSTRUCTION')
            """,
        ]
        for statement in statements { try await client.query(statement, logger: TestDatabase.logger) }
    }
}
