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

/// Issues the submission receipts: renders each requested receipt to PDF, files it with the claim's documents
/// and publishes `ReceiptIssued`. Woken as soon as a claim arrives, and every few seconds for retries; a failed
/// render is retried with backoff. Safe with several replicas (jobs are leased, a receipt is issued once).
struct ReceiptService: Service {
    let receipts: ReceiptRepository
    let templates: LetterTemplates
    let renderer: PDFRenderer
    let storage: BlobStorage
    /// The portals' public origin, for the tracking link printed on the receipt.
    let portalOrigin: String
    let signal: OutboxSignal
    let logger: Logger
    var interval: Duration = .seconds(5)
    var clock: @Sendable () -> Date = { Date() }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    while let job = try await receipts.leaseNext() { await issue(job) }
                    try await exportBacklog()
                } catch {
                    logger.warning("receipt cycle failed", metadata: ["error": "\(error)"])
                }
                await signal.wait(timeout: interval)
            }
        }
        await renderer.stop()
    }

    /// Renders, stores and records one receipt; a failure is recorded on the job for a later attempt.
    func issue(_ job: ReceiptJob) async {
        let documentId = UUID()
        do {
            let now = clock()
            let model = ReceiptModel(
                job.content,
                fileNames: try await receipts.fileNames(of: job.claimId),
                trackingURL: "\(portalOrigin)/demandes/\(job.claimId.uuidString.lowercased())",
                issuedAt: now
            )
            let pdf = try await renderer.render(html: try templates.render("receipt", model))
            try storage.write(ByteBuffer(data: pdf), document: documentId, claim: job.claimId)
            let receipt = ReceiptIssued(
                claimId: job.claimId,
                documentId: documentId,
                reference: job.content.reference,
                mediaType: "application/pdf",
                size: pdf.count,
                sha256: SHA256.hash(data: pdf).hex,
                fileName: "Récépissé \(job.content.reference).pdf",
                issuedAt: now
            )
            guard try await receipts.issue(receipt) else {
                try storage.delete(document: documentId, claim: job.claimId)
                return
            }
            Counter(label: "documents_receipts_issued_total").increment()
            logger.info("receipt issued", metadata: ["claim.id": "\(job.claimId)", "document.id": "\(documentId)"])
        } catch {
            try? storage.delete(document: documentId, claim: job.claimId)
            Counter(label: "documents_receipt_failures_total").increment()
            let delay = Self.backoff(attempt: job.attempt)
            logger.error(
                "receipt rendering failed",
                metadata: ["claim.id": "\(job.claimId)", "attempt": "\(job.attempt)", "error": "\(error)"]
            )
            try? await receipts.recordFailure(of: job, reason: "\(error)", retryAfter: delay)
        }
    }

    /// 10 s, 20 s, 40 s… up to an hour.
    static func backoff(attempt: Int) -> Duration {
        .seconds(min(3600, 10 << min(max(attempt - 1, 0), 12)))
    }

    private func exportBacklog() async throws {
        let pending = try await receipts.pendingSummary()
        Gauge(label: "documents_receipts_pending").record(pending.count)
        Gauge(label: "documents_receipts_pending_oldest_seconds").record(
            pending.oldest.map { clock().timeIntervalSince($0) } ?? 0
        )
    }
}
