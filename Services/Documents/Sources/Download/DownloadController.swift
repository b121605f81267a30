import Foundation
import Hummingbird
import Logging
import ServiceKit
import WebUI

/// `GET /documents/fichiers/:document?jeton=…`: a browser reads one document with the short grant its portal
/// gave it after checking the person's right. Only clean, present documents are served, always as an attachment
/// in a sandbox, so a file can never run as a page of our origin.
struct DownloadController: Sendable {
    let grants: DocumentGrantSigner
    let documents: DocumentRepository
    let storage: any BlobStore
    let portalOrigin: String
    var clock: @Sendable () -> Date = { Date() }

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/documents/fichiers/:document") { request, context in try await download(request, context: context)
        }
    }

    private func download(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let grant: DocumentGrant
        switch grants.check(request.uri.queryParameters["jeton"].map(String.init) ?? "", now: clock()) {
        case .forged: throw HTTPError(.forbidden, message: "Ce lien de téléchargement n’est pas valide.")
        case .expired(let old):
            // Back to the page that made the link, which makes a fresh one.
            return Response(
                status: .seeOther,
                headers: [.location: old.safeReturnPath(portalOrigin: portalOrigin), .cacheControl: "no-store"]
            )
        case .valid(let valid): grant = valid
        }
        guard grant.action == .download, let id = context.parameters.get("document", as: UUID.self),
            grant.documentId == id
        else { throw HTTPError(.forbidden, message: "Ce lien de téléchargement n’est pas valide.") }
        guard let document = try await documents.downloadable(id, claim: grant.claimId) else {
            throw HTTPError(.notFound, message: "Ce document n’est pas disponible.")
        }
        context.logger.info(
            "document downloaded",
            metadata: ["document.id": "\(id)", "claim.id": "\(grant.claimId)", "principal.id": "\(grant.principalId)"]
        )
        let body = try await storage.body(document: id, claim: grant.claimId, context: context)
        return Response(
            status: .ok,
            headers: [
                .contentType: document.mediaType,
                .contentLength: String(document.size),
                .contentDisposition: ContentDisposition.attachment(fileName: document.fileName),
                .contentSecurityPolicy: "default-src 'none'; sandbox",
                .cacheControl: "private, no-store",
            ],
            body: body
        )
    }
}

extension DocumentGrant {
    /// Where the browser may be sent back: a local path or a page of the portals' origin, never elsewhere, even
    /// from a genuine grant.
    func safeReturnPath(portalOrigin: String) -> String {
        let path = returnPath
        let isLocal = path.hasPrefix("/") && !path.hasPrefix("//") && !path.contains("\\")
        return isLocal || path.hasPrefix(portalOrigin + "/") ? path : "/"
    }
}
