import Contracts
import Foundation
import Messaging
import PostgresNIO

/// Whom notification writes to about a claim, kept from the events that name them.
enum ClaimContacts {
    struct Claimant: Sendable {
        var firstName: String
        var lastName: String
        var email: String
    }

    struct Assignee: Sendable {
        var name: String
        var email: String
    }

    static func recordClaimant(_ event: ClaimSubmitted, context: HandlerContext) async throws {
        let claimant = event.claimant
        try await context.connection.query(
            """
            INSERT INTO claim_contact (claim_id, reference, claimant_first_name, claimant_last_name, claimant_email)
            VALUES (\(event.claimId), \(event.reference), \(claimant.firstName), \(claimant.lastName), \(claimant.email))
            ON CONFLICT (claim_id) DO UPDATE SET claimant_first_name = EXCLUDED.claimant_first_name,
                claimant_last_name = EXCLUDED.claimant_last_name, claimant_email = EXCLUDED.claimant_email
            """,
            logger: context.logger
        )
    }

    static func recordAssignee(_ event: ClaimAssigned, context: HandlerContext) async throws {
        try await context.connection.query(
            """
            INSERT INTO claim_contact (claim_id, reference, assignee_name, assignee_email)
            VALUES (\(event.claimId), \(event.reference), \(event.assignee.displayName), \(event.assignee.email))
            ON CONFLICT (claim_id) DO UPDATE SET assignee_name = EXCLUDED.assignee_name,
                assignee_email = EXCLUDED.assignee_email
            """,
            logger: context.logger
        )
    }

    /// The claimant of a claim; a transient error while `ClaimSubmitted` has not arrived yet, so the event is retried.
    static func claimant(of claim: UUID, context: HandlerContext) async throws -> Claimant {
        let rows = try await context.connection.query(
            """
            SELECT claimant_first_name, claimant_last_name, claimant_email FROM claim_contact
            WHERE claim_id = \(claim) AND claimant_email IS NOT NULL
            """,
            logger: context.logger
        )
        for try await (first, last, email) in rows.decode((String, String, String).self) {
            return Claimant(firstName: first, lastName: last, email: email)
        }
        throw ContactNotYetKnown()
    }

    /// The rédacteur in charge of a claim, if one is known.
    static func assignee(of claim: UUID, context: HandlerContext) async throws -> Assignee? {
        let rows = try await context.connection.query(
            "SELECT assignee_name, assignee_email FROM claim_contact WHERE claim_id = \(claim) AND assignee_email IS NOT NULL",
            logger: context.logger
        )
        for try await (name, email) in rows.decode((String, String).self) { return Assignee(name: name, email: email) }
        return nil
    }
}

/// The event that names the recipient has not been received yet: retry later.
struct ContactNotYetKnown: Error {}
