import Foundation
import Logging
import Metrics
import ServiceKit
import ServiceLifecycle

/// Scans the documents stored while the antivirus was unreachable, as soon as it answers again: clean ones
/// become readable, infected ones lose their content. Safe with several replicas (a verdict is recorded once).
/// Exports how many wait and for how long, for the alert after 15 minutes.
struct PendingScanService: Service {
    let documents: DocumentRepository
    let antivirus: any Antivirus
    let storage: any BlobStore
    let logger: Logger
    var interval: Duration = .seconds(15)

    func run() async throws {
        await repeatUntilShutdown(every: interval, logger: logger, failure: "pending scan cycle failed") {
            try await scanPending()
        }
    }

    /// One pass over the waiting documents; stops at the first one the antivirus cannot take.
    func scanPending() async throws {
        for (document, claim) in try await documents.pendingScans(limit: 100) {
            let content = try await storage.read(document: document, claim: claim)
            let verdict: String
            switch await antivirus.scan(content) {
            case .unavailable: return
            case .clean: verdict = "clean"
            case .infected: verdict = "infected"
            }
            if verdict == "infected" { try await storage.delete(document: document, claim: claim) }
            if try await documents.recordVerdict(verdict, document: document, claim: claim) {
                logger.info(
                    "deferred scan recorded",
                    metadata: ["document.id": "\(document)", "verdict": "\(verdict)"]
                )
            }
        }
        let pending = try await documents.pendingSummary()
        Gauge(label: "documents_scan_pending").record(pending.count)
        Gauge(label: "documents_scan_pending_oldest_seconds").record(
            pending.oldest.map { Date().timeIntervalSince($0) } ?? 0
        )
    }
}
