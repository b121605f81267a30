import Contracts
import Crypto
import Foundation
import Logging
import Messaging
import Metrics
import NIOCore
import NIOFoundationCompat
import Persistence
import ServiceLifecycle

/// Renders the documents the office issues — the submission receipts and the signed letters — files each with
/// the claim's documents and announces it (`ReceiptIssued`, `LetterRendered`). Woken as soon as one is requested,
/// and every few seconds for retries; a failed render is retried with backoff. Safe with several replicas (jobs
/// are leased, a document is filed once).
struct RenderingService: Service {
    let queue: RenderingQueue
    let templates: LetterTemplates
    let renderer: PDFRenderer
    let storage: any BlobStore
    /// The portals' public origin, for the tracking link printed on the receipt.
    let portalOrigin: String
    let signal: OutboxSignal
    let logger: Logger
    var interval: Duration = .seconds(5)
    /// How long one step (a lease, a render, the gauges) may go unanswered before the cycle gives it up.
    var step: Duration = .seconds(120)
    var clock: @Sendable () -> Date = { Date() }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    // The backlog's gauges stay current through a long drain (what the alerts read).
                    try await withDeadline(step) { try await exportBacklog() }
                    var rendered = 0
                    while let job = try await withDeadline(step, { try await queue.leaseNext() }) {
                        // A render given up keeps its lease until it expires, then is retried.
                        try await withDeadline(step) { await render(job) }
                        rendered += 1
                        if rendered.isMultiple(of: 20) { try await withDeadline(step) { try await exportBacklog() } }
                    }
                    try await withDeadline(step) { try await exportBacklog() }
                } catch {
                    logger.warning("rendering cycle failed", metadata: ["error": "\(error)"])
                }
                await signal.wait(timeout: interval)
            }
        }
        await renderer.stop()
    }

    /// Renders, stores and files one document; a failure is recorded on the job for a later attempt.
    func render(_ job: RenderingJob) async {
        let documentId = UUID()
        let type = job.content.documentType
        do {
            let now = clock()
            let (html, fileName) = try await page(of: job, at: now)
            let pdf = try await renderer.render(html: html)
            try await storage.write(ByteBuffer(data: pdf), document: documentId, claim: job.claimId)
            let document = GeneratedDocument(
                id: documentId,
                size: pdf.count,
                sha256: SHA256.hash(data: pdf).hex,
                fileName: fileName,
                at: now
            )
            guard try await file(document, of: job) else {
                try await storage.delete(document: documentId, claim: job.claimId)
                return
            }
            Counter(label: "documents_generated_total", dimensions: [("type", type)]).increment()
            logger.info(
                "document generated",
                metadata: ["claim.id": "\(job.claimId)", "document.id": "\(documentId)", "type": "\(type)"]
            )
        } catch {
            try? await storage.delete(document: documentId, claim: job.claimId)
            Counter(label: "documents_generation_failures_total", dimensions: [("type", type)]).increment()
            let delay = Self.backoff(attempt: job.attempt)
            logger.error(
                "document rendering failed",
                metadata: [
                    "claim.id": "\(job.claimId)", "type": "\(type)", "attempt": "\(job.attempt)", "error": "\(error)",
                ]
            )
            try? await queue.recordFailure(of: job, reason: "\(error)", retryAfter: delay)
        }
    }

    /// 10 s, 20 s, 40 s… up to an hour.
    static func backoff(attempt: Int) -> Duration {
        .seconds(min(3600, 10 << min(max(attempt - 1, 0), 12)))
    }

    /// The document's HTML and the name it is downloaded under.
    private func page(of job: RenderingJob, at now: Date) async throws -> (html: String, fileName: String) {
        switch job.content {
        case .receipt(let content):
            let model = ReceiptModel(
                content,
                fileNames: try await queue.fileNames(of: job.claimId),
                trackingURL: "\(portalOrigin)/demandes/\(job.claimId.uuidString.lowercased())",
                issuedAt: now
            )
            return (try templates.render("receipt", model), "Récépissé \(content.reference).pdf")
        case .letter(let content):
            return (try templates.render("letter", LetterModel(content)), content.fileName)
        case .notice(let content):
            return (try templates.render("notice", NoticeModel(content, portalOrigin: portalOrigin)), content.fileName)
        case .dataSummary(let request):
            let model = DataSummaryModel(request, issuedAt: now)
            return (try templates.render("data-summary", model), DataSummaryModel.fileName(now))
        }
    }

    /// Files the document with the event that announces it.
    private func file(_ document: GeneratedDocument, of job: RenderingJob) async throws -> Bool {
        switch job.content {
        case .receipt(let content):
            let event = ReceiptIssued(
                claimId: job.claimId,
                documentId: document.id,
                reference: content.reference,
                mediaType: "application/pdf",
                size: document.size,
                sha256: document.sha256,
                fileName: document.fileName,
                issuedAt: document.at
            )
            return try await queue.file(document, of: job, announcing: event)
        case .letter(let content):
            let event = LetterRendered(
                claimId: job.claimId,
                documentId: document.id,
                reference: content.reference,
                kind: content.kind,
                seal: content.letter.seal,
                mediaType: "application/pdf",
                size: document.size,
                sha256: document.sha256,
                fileName: document.fileName,
                renderedAt: document.at
            )
            return try await queue.file(document, of: job, announcing: event)
        case .notice(let content):
            let event = NoticeRendered(
                declarationId: content.declarationId,
                documentId: document.id,
                mediaType: "application/pdf",
                size: document.size,
                sha256: document.sha256,
                fileName: document.fileName,
                renderedAt: document.at
            )
            return try await queue.file(document, of: job, announcing: event)
        case .dataSummary(let request):
            let event = DataSummaryRendered(
                summaryId: request.summaryId,
                accountId: request.accountId,
                documentId: document.id,
                fileName: document.fileName,
                size: document.size,
                renderedAt: document.at
            )
            return try await queue.file(document, of: job, announcing: event)
        }
    }

    private func exportBacklog() async throws {
        let pending = try await queue.pendingSummary()
        Gauge(label: "documents_rendering_pending").record(pending.count)
        Gauge(label: "documents_rendering_pending_oldest_seconds").record(
            pending.oldest.map { clock().timeIntervalSince($0) } ?? 0
        )
    }
}
