import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO
import ServiceKit
import ServiceLifecycle

/// Reminds a unit of each question still unanswered two days before its date and after it, once a day, by e-mail
/// to its active investigators (`InvestigatorQueryReminder`). Safe with several replicas: a question is claimed
/// with its event in one transaction.
struct QueryReminderScheduler: Service {
    let outbox: TransactionalOutbox
    let logger: Logger
    var interval: Duration = .seconds(300)
    var clock: @Sendable () -> Date = { Date() }

    static let warningDays = 2
    static let repeatEvery: TimeInterval = 86_400

    func run() async throws {
        await repeatUntilShutdown(every: interval, logger: logger, failure: "question reminders not sent") {
            try await tick()
        }
    }

    /// Publishes the reminders now due; returns how many.
    @discardableResult
    func tick() async throws -> Int {
        let now = clock()
        let today = ParisTime.isoDay(of: now)
        let soon = ParisTime.isoDay(of: now.addingTimeInterval(Double(Self.warningDays) * 86_400))
        var published = 0
        while true {
            let sent = try await outbox.transaction(context: MessageContext(), logger: logger) { connection, events in
                let rows = try await connection.query(
                    """
                    UPDATE investigator_query SET reminded_at = \(now)
                    WHERE id = (
                        SELECT id FROM investigator_query
                        WHERE answered_at IS NULL AND due_on <= \(soon)::date
                          AND (reminded_at IS NULL OR reminded_at < \(now.addingTimeInterval(-Self.repeatEvery)))
                        ORDER BY due_on LIMIT 1 FOR UPDATE SKIP LOCKED)
                    RETURNING id, declaration_id, claim_reference, to_char(due_on, 'YYYY-MM-DD'), unit_code
                    """,
                    logger: logger
                )
                var due: (UUID, UUID, String, String, String)?
                for try await row in rows.decode((UUID, UUID, String, String, String).self) { due = row }
                guard let (query, declaration, reference, dueOn, unit) = due else { return false }
                try await events.append(
                    InvestigatorQueryReminder(
                        queryId: query,
                        declarationId: declaration,
                        reference: reference,
                        dueOn: dueOn,
                        overdue: dueOn < today,
                        recipients: try await Self.investigators(of: unit, on: connection, logger: logger),
                        remindedAt: now
                    ),
                    at: now
                )
                return true
            }
            guard sent else { return published }
            published += 1
        }
    }

    /// The unit's active investigators who can be written to.
    private static func investigators(of unit: String, on connection: PostgresConnection, logger: Logger) async throws
        -> [AgentContact]
    {
        let rows = try await connection.query(
            "SELECT id, display_name, email FROM investigator WHERE unit_code = \(unit) AND active ORDER BY display_name",
            logger: logger
        )
        var contacts: [AgentContact] = []
        for try await (id, name, email) in rows.decode((UUID, String, String).self) {
            contacts.append(AgentContact(agentId: id, displayName: name, email: email))
        }
        return contacts
    }
}
