import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO

/// Keeps what a declaration's code needs on this side: who may attach it and what it pre-fills. The procedure and
/// the investigating service are confidential and not kept.
struct DeclarationSubmittedHandler: EventHandler {
    func handle(_ event: DeclarationSubmitted, context: HandlerContext) async throws {
        try await Self.record(event, on: context.connection, logger: context.logger)
    }

    /// Keeps the declaration, once whatever the redeliveries.
    static func record(_ event: DeclarationSubmitted, on connection: PostgresConnection, logger: Logger) async throws {
        let occupant = event.occupant
        try await connection.query(
            """
            INSERT INTO declaration (id, code, code_expires_at, force, operation_date, street_address, postal_code,
                                     commune, occupant_civility, occupant_first_name, occupant_last_name,
                                     occupant_email, occupant_phone, received_at)
            VALUES (\(event.declarationId), \(event.code.value), \(event.codeExpiresAt), \(event.force),
                    \(event.operationDate)::date, \(event.address.streetAddress), \(event.address.postalCode),
                    \(event.address.commune), \(occupant?.civility), \(occupant?.firstName), \(occupant?.lastName),
                    \(occupant?.email), \(occupant?.phone), \(Date()))
            ON CONFLICT (id) DO NOTHING
            """,
            logger: logger
        )
    }
}

/// The unit corrected the occupant's contact (and renewed the code): the confirmation code goes to the new address.
struct DeclarationContactUpdatedHandler: EventHandler {
    func handle(_ event: DeclarationContactUpdated, context: HandlerContext) async throws {
        try await Self.record(event, on: context.connection, logger: context.logger)
    }

    static func record(_ event: DeclarationContactUpdated, on connection: PostgresConnection, logger: Logger)
        async throws
    {
        let occupant = event.occupant
        try await connection.query(
            """
            UPDATE declaration SET code_expires_at = \(event.codeExpiresAt), occupant_civility = \(occupant.civility),
                occupant_first_name = \(occupant.firstName), occupant_last_name = \(occupant.lastName),
                occupant_email = \(occupant.email), occupant_phone = \(occupant.phone)
            WHERE id = \(event.declarationId) AND claim_id IS NULL
            """,
            logger: logger
        )
    }
}
