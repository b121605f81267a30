import Contracts
import Foundation
import Messaging
import NIOFoundationCompat
import PostgresNIO
import TestSupport
import Testing

@testable import Documents

/// The signed letters — a decision and a payment order — rendered by the real WeasyPrint worker from the events
/// instruction publishes: what they say (read back with pdftotext), tagged, filed once each with their seal.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct SignedLetterTests {
    private static let claim = UUID()
    private static let signedAt = Date(timeIntervalSince1970: 1_795_000_000)
    private static let offerSeal = String(repeating: "a1", count: 32)
    private static let orderSeal = String(repeating: "b2", count: 32)

    private static let offer = OfferSent(
        claimId: claim,
        reference: "BRI-20261123-0077",
        amountCents: 125_050,
        amountInWords: "mille deux cent cinquante euros et cinquante centimes",
        breakdown: [
            .init(label: "Remplacement de la porte", amountCents: 98_000),
            .init(label: "Intervention du serrurier", amountCents: 27_050),
        ],
        letter: DecisionLetter(
            subject: "Proposition d’indemnisation — demande BRI-20261123-0077",
            paragraphs: ["Madame,", "Le ministère vous propose une indemnisation <b>amiable</b>."],
            signerName: "Claire Validatrice",
            signedAt: signedAt,
            seal: offerSeal
        ),
        answerBy: "2026-12-18",
        sentAt: signedAt
    )

    private static let order = PaymentOrderSigned(
        claimId: claim,
        reference: "BRI-20261123-0077",
        amountCents: 125_050,
        order: DecisionLetter(
            subject: "Arrêté de paiement",
            paragraphs: ["Vu la loi de finances pour 2026 ;", "Article 1 — Une somme de 1 250,50 € est allouée."],
            signerName: "Paul Signataire",
            signedAt: signedAt,
            seal: orderSeal
        )
    )

    private static let accepted = OfferAccepted(
        claimId: claim,
        reference: "BRI-20261123-0077",
        amountCents: 125_050,
        ibanSuffix: "0189",
        acceptedAt: signedAt.addingTimeInterval(86_400)
    )

    @Test func eachSignedLetterBecomesOneTaggedPDFCarryingItsSeal() async throws {
        try await DocumentsHarness.run { context in
            let requested = [
                LetterContent(Self.offer), LetterContent(Self.order), LetterContent(Self.offer),
                LetterContent(Self.accepted),
            ]
            try await Self.render(requested.map { (.letter($0), Self.claim, $0.reference) }, in: context)

            let decision = try await text(of: "decision", in: context)
            for expected in [
                "Proposition d’indemnisation — demande", "Référence à rappeler : BRI-20261123-0077", "Madame,",
                "indemnisation <b>amiable</b>", "Remplacement de la porte", "980,00 €", "Intervention du serrurier",
                "1 250,50 €", "mille deux cent cinquante euros et cinquante centimes", "18 décembre 2026",
                "Claire Validatrice", "par délégation",
            ] {
                #expect(decision.contains(expected), "the decision shows \(expected)")
            }
            #expect(decision.filter { !$0.isWhitespace }.contains(Self.offerSeal), "the seal, wrapped or not")
            let order = try await text(of: "arrete_paiement", in: context)
            for expected in ["Arrêté de paiement", "loi de finances pour 2026", "Article 1", "Paul Signataire"] {
                #expect(order.contains(expected), "the payment order shows \(expected)")
            }
            #expect(!order.contains("Détail du montant"), "no offer breakdown on a payment order")
            let acceptance = try await text(of: "acceptation", in: context)
            for expected in [
                "Déclaration d’acceptation", "accepté en ligne", "renonce à toute autre action", "se termine par 0189",
                "mille deux cent cinquante euros et cinquante centimes", "Empreinte de la déclaration",
            ] {
                #expect(acceptance.contains(expected), "the acceptance shows \(expected)")
            }
            #expect(!acceptance.contains("par délégation"), "the claimant's act, not the ministry's")

            let announced = try await context.database.count(
                """
                SELECT count(*) FROM documents.outbox WHERE event_name = 'documents.letter-rendered'
                AND payload::jsonb->>'seal' IN ('\(Self.offerSeal)', '\(Self.orderSeal)')
                """
            )
            #expect(announced == 2, "one event per signature, the repeated request ignored")
            let letters = try await context.database.count(
                "SELECT count(*) FROM documents.outbox WHERE event_name = 'documents.letter-rendered'"
            )
            #expect(letters == 3, "the decision, the payment order and the acceptance")
        }
    }

    @Test func aDeclarationGetsAPrintableNoticeWithItsCodeAndNothingConfidential() async throws {
        let declaration = DeclarationFixtures.submitted()
        try await DocumentsHarness.run { context in
            let notice = NoticeContent(declaration)
            try await Self.render([(.notice(notice), declaration.declarationId, notice.folderReference)], in: context)
            let text = try await text(of: "avis_intervention", in: context, folder: declaration.declarationId)
            for expected in [
                "Avis d’intervention", "17 novembre 2026", "la gendarmerie nationale",
                "12 rue Garibaldi, 69006 Lyon", "KX7P-M2QR", "https://mij.example.gouv.fr/rattachement?code=KX7PM2QR",
                "ne vaut pas à lui seul reconnaissance", "logement social",
            ] {
                #expect(text.contains(expected), "the notice shows \(expected)")
            }
            for secret in ["Brigade de recherches", "2026-000123", "Parquet", "Bernard"] {
                #expect(!text.contains(secret), "\(secret) is not printed")
            }
            let announced = try await context.database.count(
                "SELECT count(*) FROM documents.outbox WHERE event_name = 'documents.notice-rendered'"
            )
            #expect(announced == 1)
        }
    }

    /// Requests each document as the event handlers do, then renders every request with the real PDF worker.
    private static func render(
        _ requests: [(content: RenderingContent, folder: UUID, reference: String)],
        in context: DocumentsHarness.Context
    ) async throws {
        try await context.database.inspect { client in
            try await client.withConnection { connection in
                try await connection.query("SET search_path TO documents", logger: TestDatabase.logger)
                for request in requests {
                    try await RenderingQueue.request(
                        request.content,
                        claim: request.folder,
                        reference: request.reference,
                        at: Date(),
                        on: connection,
                        logger: TestDatabase.logger
                    )
                }
                try await connection.query("RESET search_path", logger: TestDatabase.logger)
            }
        }
        let service = RenderingService(
            queue: context.parts.rendering,
            templates: context.parts.letters,
            renderer: context.parts.renderer,
            storage: context.storage,
            portalOrigin: "https://mij.example.gouv.fr",
            signal: OutboxSignal(),
            logger: TestDatabase.logger
        )
        while let job = try await context.parts.rendering.leaseNext() { await service.render(job) }
    }

    /// The text of the one generated document of `type`, checked to be a tagged PDF.
    private func text(of type: String, in context: DocumentsHarness.Context, folder: UUID? = nil) async throws
        -> String
    {
        let id = try await context.database.inspect { client in
            let rows = try await client.query(
                "SELECT id FROM documents.document WHERE origin = 'generated' AND type = \(type)",
                logger: TestDatabase.logger
            )
            var ids: [UUID] = []
            for try await id in rows.decode(UUID.self) { ids.append(id) }
            return ids
        }
        #expect(id.count == 1, "one \(type)")
        let pdf = Data(
            buffer: try await context.storage.read(document: try #require(id.first), claim: folder ?? Self.claim)
        )
        #expect(try PDFTools.info(of: pdf)["Tagged"] == "yes", "PDF/UA: tagged for screen readers")
        // One space between words: lines wrap anywhere.
        return try PDFTools.text(of: pdf).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
