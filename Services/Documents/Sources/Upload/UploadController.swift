import Crypto
import Foundation
import Hummingbird
import Logging
import Messaging
import Metrics
import NIOCore
import Persistence
import ServiceKit
import WebUI

/// `POST /documents/televersement`: a browser sends a file with the grant its portal gave it. The file is
/// checked (grant, declared type, size, format by its first bytes, active PDF content, the claim's limits),
/// scanned, stored and recorded; the browser goes back to the portal with the outcome in `depot=`.
struct UploadController: Sendable {
    /// The outcome the portal shows, as the `depot` query parameter.
    enum Outcome: String, Sendable {
        case received = "recu"
        /// Stored, but the antivirus was unreachable: nobody can open it until it is scanned.
        case awaitingScan = "analyse"
        case infected = "virus"
        case badFormat = "format"
        case activeContent = "contenu"
        case tooLarge = "taille"
        case tooMany = "nombre"
        case empty = "vide"
        case expired = "expire"
        /// The blob store did not take the file: nothing was kept, the person may send it again.
        case storageUnavailable = "indisponible"

        /// The reason carried by `DocumentRejected`, for refusals.
        var rejectionReason: String? {
            switch self {
            case .infected: "infected"
            case .badFormat: "format"
            case .activeContent: "content"
            case .tooLarge: "size"
            case .tooMany: "count"
            case .received, .awaitingScan, .empty, .expired, .storageUnavailable: nil
            }
        }
    }

    /// Limits of what one claim may hold.
    struct Limits: Sendable {
        var maximumFileSize = 10 * 1024 * 1024
        var documentsPerClaim = 60
        var documentsPerType = 20
    }

    let grants: DocumentGrantSigner
    let antivirus: any Antivirus
    let storage: any BlobStore
    let documents: DocumentRepository
    /// The portals' public origin: a grant may send the browser back there, or to a path on this origin.
    let portalOrigin: String
    var limits = Limits()
    var clock: @Sendable () -> Date = { Date() }

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.post("/documents/televersement") { request, context in try await upload(request, context: context) }
    }

    private func upload(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let form = try await UploadForm.read(request, maximumFileSize: limits.maximumFileSize)
        let grant: DocumentGrant
        switch grants.check(form.fields["jeton"] ?? "", now: clock()) {
        case .forged: throw HTTPError(.forbidden, message: "Ce lien de dépôt n’est pas valide.")
        case .expired(let old): return back(to: old, .expired)
        case .valid(let valid): grant = valid
        }
        let type = form.fields["type"] ?? ""
        guard grant.action == .upload, grant.documentTypes.contains(type) else {
            throw HTTPError(.forbidden, message: "Ce type de document ne peut pas être déposé ici.")
        }
        let outcome = try await accept(
            form,
            type: type,
            grant: grant,
            context: MessageContext(request: request),
            logger: context.logger
        )
        Counter(label: "documents_uploads_total", dimensions: [("outcome", outcome.rawValue)]).increment()
        context.logger.info(
            "upload handled",
            metadata: ["claim.id": "\(grant.claimId)", "document.type": "\(type)", "outcome": "\(outcome.rawValue)"]
        )
        if let reason = outcome.rejectionReason {
            try await documents.recordRejection(
                claim: grant.claimId,
                uploadedBy: grant.principalId,
                type: type,
                reason: reason,
                context: MessageContext(request: request)
            )
        }
        return back(to: grant, outcome)
    }

    /// Checks, scans, stores and records the file; the outcome to show.
    private func accept(
        _ form: UploadForm,
        type: String,
        grant: DocumentGrant,
        context: MessageContext,
        logger: Logger
    ) async throws -> Outcome {
        if form.fileTooLarge { return .tooLarge }
        guard form.file.readableBytes > 0 else { return .empty }
        guard let mediaType = ContentSniffer.mediaType(of: form.file) else { return .badFormat }
        if mediaType == .pdf && ContentSniffer.hasActiveContent(form.file) { return .activeContent }
        let counts = try await documents.counts(claim: grant.claimId, type: type)
        guard counts.all < limits.documentsPerClaim, counts.ofType < limits.documentsPerType else { return .tooMany }

        let scanStatus: String
        switch await antivirus.scan(form.file) {
        case .infected: return .infected
        case .clean: scanStatus = "clean"
        case .unavailable(let reason):
            // Fail closed: kept out of reach until the pending-scan loop gets a verdict.
            logger.warning(
                "antivirus unavailable, upload kept pending",
                metadata: ["error": "\(reason)"]
            )
            scanStatus = "scan_pending"
        }
        let upload = AcceptedUpload(
            documentId: UUID(),
            claimId: grant.claimId,
            uploadedBy: grant.principalId,
            type: type,
            mediaType: mediaType,
            size: form.file.readableBytes,
            sha256: SHA256.hash(data: form.file.readableBytesView).hex,
            fileName: FileName.cleaned(form.fileName ?? ""),
            scanStatus: scanStatus
        )
        do {
            try await storage.write(form.file, document: upload.documentId, claim: upload.claimId)
        } catch {
            logger.error("upload not stored", metadata: ["error": "\(error)"])
            return .storageUnavailable
        }
        do {
            try await documents.record(upload, context: context)
        } catch {
            try? await storage.delete(document: upload.documentId, claim: upload.claimId)
            throw error
        }
        return scanStatus == "clean" ? .received : .awaitingScan
    }

    /// Back to the portal's page with the outcome.
    private func back(to grant: DocumentGrant, _ outcome: Outcome) -> Response {
        let local = grant.safeReturnPath(portalOrigin: portalOrigin)
        let separator = local.contains("?") ? "&" : "?"
        return Response(
            status: .seeOther,
            headers: [.location: "\(local)\(separator)depot=\(outcome.rawValue)", .cacheControl: "no-store"]
        )
    }
}
