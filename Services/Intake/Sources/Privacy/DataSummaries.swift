import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO
import ServiceKit

/// The readable summaries of their data claimants ask for: built here from what intake holds, rendered to PDF by
/// the documents service, downloadable for a week (documents deletes them then).
struct DataSummaries: Sendable {
    /// One summary as the claimant's page lists it.
    struct Summary: Sendable, Equatable {
        var id: UUID
        var requestedAt: Date
        /// Nil while the PDF is being rendered.
        var documentId: UUID?
        var fileName: String?
    }

    static let lifetime: TimeInterval = 7 * 86_400

    let outbox: TransactionalOutbox
    let claims: any ClaimRepository
    let logger: Logger
    var clock: @Sendable () -> Date = { Date() }

    /// Asks for a summary of `account`'s data; its id.
    func request(for account: UUID, context: MessageContext) async throws -> UUID {
        let id = UUID()
        let now = clock()
        let summary = try await build(for: account)
        try await outbox.transaction(context: context, logger: logger) { connection, events in
            try await connection.query(
                "INSERT INTO data_summary (id, account_id, requested_at) VALUES (\(id), \(account), \(now))",
                logger: logger
            )
            try await events.append(
                DataSummaryRequested(summaryId: id, accountId: account, requestedAt: now, summary: summary),
                at: now
            )
        }
        return id
    }

    /// The account's summaries of the last week, newest first.
    func recent(for account: UUID) async throws -> [Summary] {
        let rows = try await outbox.client.query(
            """
            SELECT id, requested_at, document_id, file_name FROM data_summary
            WHERE account_id = \(account) AND requested_at > \(clock().addingTimeInterval(-Self.lifetime))
            ORDER BY requested_at DESC
            """,
            logger: logger
        )
        var summaries: [Summary] = []
        for try await (id, at, document, name) in rows.decode((UUID, Date, UUID?, String?).self) {
            summaries.append(Summary(id: id, requestedAt: at, documentId: document, fileName: name))
        }
        return summaries
    }

    /// What the PDF says: the account, then each claim with its main answers, files and history.
    private func build(for account: UUID) async throws -> PersonalDataSummary {
        var lines: [PersonalDataSummary.Line] = []
        let rows = try await outbox.client.query(
            """
            SELECT a.email, a.created_at, a.email_verified_at, a.franceconnect_sub IS NOT NULL, s.signed_in_at
            FROM claimant_account a LEFT JOIN principal_sign_in s ON s.principal_id = a.id WHERE a.id = \(account)
            """,
            logger: logger
        )
        for try await (email, created, verified, franceConnect, signedIn) in rows.decode(
            (String, Date, Date?, Bool, Date?).self
        ) {
            lines.append(.init(label: "Adresse électronique", value: email))
            lines.append(.init(label: "Compte créé le", value: created.formatted(ParisTime.dayAndTime)))
            if let verified {
                lines.append(.init(label: "Adresse vérifiée le", value: verified.formatted(ParisTime.day)))
            }
            lines.append(.init(label: "Compte relié à FranceConnect", value: franceConnect ? "oui" : "non"))
            if let signedIn {
                lines.append(.init(label: "Dernière connexion", value: signedIn.formatted(ParisTime.dayAndTime)))
            }
        }
        var claimSummaries: [PersonalDataSummary.Claim] = []
        for summary in try await claims.claims(ownedBy: account) {
            guard let claim = try await claims.claim(summary.id, owner: account) else { continue }
            claimSummaries.append(try await self.claim(summary, claim, owner: account))
        }
        return PersonalDataSummary(account: lines, claims: claimSummaries)
    }

    private func claim(_ summary: ClaimSummary, _ claim: StoredClaim, owner: UUID) async throws
        -> PersonalDataSummary.Claim
    {
        let form = claim.form
        var lines: [PersonalDataSummary.Line] = [
            .init(label: "État", value: ClaimantStatus(state: summary.status).label),
            .init(
                label: summary.submittedAt == nil ? "Commencée le" : "Déposée le",
                value: (summary.submittedAt ?? summary.createdAt).formatted(ParisTime.day)
            ),
        ]
        func add(_ label: String, _ value: String) {
            if !value.isEmpty { lines.append(.init(label: label, value: value)) }
        }
        add("Nom", "\(form[.firstName]) \(form[.lastName])".trimmingCharacters(in: .whitespaces))
        add("Date de naissance", form[.birthDate])
        add("Téléphone", form[.phone])
        add(
            "Logement",
            "\(form[.streetAddress]), \(form[.postalCode]) \(form[.commune])".trimmingCharacters(in: [",", " "])
        )
        add("Date du bris de porte", form[.doorBreakDate])
        add("Montant demandé", form.claimedAmountCents.map(Euros.formatted(cents:)) ?? "")
        add(
            "Compte bancaire",
            form.bankDetails.iban.isEmpty ? "" : "IBAN se terminant par \(form.bankDetails.ibanSuffix)"
        )
        let documents = try await claims.documents(of: summary.id, owner: owner).filter { !$0.isWithdrawn }
        let history = try await claims.timeline(of: summary.id, owner: owner).map {
            PersonalDataSummary.Line(
                label: $0.occurredAt.formatted(ParisTime.dayAndTime),
                value: ClaimPage.label($0.kind)
            )
        }
        return .init(
            title: summary.reference.map { "Demande \($0)" } ?? "Demande en cours de saisie",
            lines: lines,
            documents: documents.map(\.fileName),
            history: history
        )
    }
}

/// The PDF of a summary was rendered: the claimant's page offers it.
struct DataSummaryRenderedHandler: EventHandler {
    func handle(_ event: DataSummaryRendered, context: HandlerContext) async throws {
        try await context.connection.query(
            """
            UPDATE data_summary SET document_id = \(event.documentId), file_name = \(event.fileName),
                rendered_at = \(event.renderedAt)
            WHERE id = \(event.summaryId) AND account_id = \(event.accountId)
            """,
            logger: context.logger
        )
    }
}
