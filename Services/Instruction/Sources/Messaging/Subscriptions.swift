import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO

/// The events instruction consumes.
enum InstructionSubscriptions {
    static func all() -> [Subscription] {
        [
            Subscription(ClaimSubmittedHandler()), Subscription(ClaimCompletedHandler()),
            Subscription(OfferAcceptedHandler()), Subscription(OfferRefusedHandler()),
            Subscription(LetterRenderedHandler()),
            Subscription(DeclarationSubmittedHandler()), Subscription(InvestigatorQueryAnsweredHandler()),
            Subscription(DeclarationAttachmentAddedHandler()),
            Subscription(QueryAttachmentStoredHandler()), Subscription(QueryAttachmentScannedHandler()),
            Subscription(UndeliveredMessageHandler()), Subscription(DeclarationExpiredHandler()),
            Subscription(SubjectReportHandler(service: "intake") { (event: IntakeSubjectReport) in event.report }),
            Subscription(SubjectReportHandler(service: "liaison") { (event: LiaisonSubjectReport) in event.report }),
            Subscription(
                SubjectReportHandler(service: "notification") { (event: NotificationSubjectReport) in event.report }
            ),
        ]
    }
}

/// A submitted claim enters the back office, waiting for attribution, with the snapshot agents read and the list
/// of documents they review.
struct ClaimSubmittedHandler: EventHandler {
    func handle(_ event: ClaimSubmitted, context: HandlerContext) async throws {
        guard try await Self.record(event, on: context.connection, logger: context.logger) else { return }
        try await context.outbox.append(
            ClaimAwaitingAssignment(
                claimId: event.claimId,
                reference: event.reference,
                attributeurs: try await AgentDirectory.contacts(
                    holding: .attributeur,
                    on: context.connection,
                    logger: context.logger
                ),
                receivedAt: Date()
            )
        )
    }

    /// Files the claim in the back office; false when it was already filed (and is left as it is).
    @discardableResult
    static func record(_ event: ClaimSubmitted, on connection: PostgresConnection, logger: Logger) async throws
        -> Bool
    {
        let snapshot = String(decoding: try ContractCoding.encoder().encode(event), as: UTF8.self)
        let claimant = event.claimant
        // Claims filed before intake knew the reference data carry no département: their postal code stands in.
        let department = event.doorBreak.department ?? Department.of(postalCode: event.doorBreak.postalCode)
        let inserted = try await connection.query(
            """
            INSERT INTO claim (id, reference, status, claimant_first_name, claimant_last_name, door_break_date,
                               postal_code, commune, department, submitted_at, state_entered_at, snapshot,
                               claimant_email, search_text)
            VALUES (\(event.claimId), \(event.reference), \(ClaimState.toAssign.rawValue), \(claimant.firstName),
                    \(claimant.lastName), \(event.doorBreak.date)::date, \(event.doorBreak.postalCode),
                    \(event.doorBreak.commune), \(department), \(event.submittedAt),
                    \(event.submittedAt), \(snapshot)::jsonb, \(claimant.email.lowercased()),
                    \(SearchText.fold(event.reference, claimant.firstName, claimant.lastName, claimant.birthName, event.legalEntity?.name)))
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """,
            logger: logger
        )
        guard try await inserted.collect().count == 1 else { return false }
        try await connection.query(
            """
            INSERT INTO claim_state_change (claim_id, state, entered_at)
            VALUES (\(event.claimId), \(ClaimState.toAssign.rawValue), \(event.submittedAt))
            """,
            logger: logger
        )
        for document in event.documents ?? [] {
            try await connection.query(
                """
                INSERT INTO claim_document (claim_id, document_id, type) VALUES (\(event.claimId), \(document.id), \(document.type))
                ON CONFLICT DO NOTHING
                """,
                logger: logger
            )
        }
        return true
    }
}
