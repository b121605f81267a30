import Foundation
import Hummingbird
import Logging
import ServiceKit
import WebUI

/// A declaration's printable notice and attachments, for its unit only: a short download grant at documents.
struct DeclarationFilesController: Sendable {
    let declarations: DeclarationRepository
    let gate: InvestigatorGate
    let files: DeclarationFiles
    var clock: @Sendable () -> Date = { Date() }

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/fdo/declarations/:id/avis") { request, context in
            let (investigator, _) = try await gate.require(request)
            guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)),
                let document = try await declarations.notice(of: id, unit: investigator.unitCode)
            else {
                throw HTTPError(.notFound, message: "L’avis de cette déclaration n’est pas (encore) disponible.")
            }
            return try redirect(to: document, of: id, for: investigator, context: context)
        }
        router.get("/fdo/declarations/:id/pieces/:document") { request, context in
            let (investigator, _) = try await gate.require(request)
            guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)),
                let document = context.parameters.get("document").flatMap(UUID.init(uuidString:)),
                try await declarations.attachments(of: id, unit: investigator.unitCode)
                    .contains(where: { $0.documentId == document && $0.scanStatus == "clean" })
            else { throw HTTPError(.notFound, message: "Cette pièce n’existe pas ou n’est pas lisible.") }
            return try redirect(to: document, of: id, for: investigator, context: context)
        }
    }

    private func redirect(
        to document: UUID,
        of declaration: UUID,
        for investigator: Investigator,
        context: ServiceRequestContext
    ) throws -> Response {
        context.logger.info(
            "investigator opened a file",
            metadata: [
                "declaration.id": "\(declaration)", "document.id": "\(document)",
                "investigator.id": "\(investigator.id)",
            ]
        )
        let url = try files.downloadURL(
            document: document,
            declaration: declaration,
            investigator: investigator.id,
            now: clock()
        )
        return Response(status: .seeOther, headers: [.location: url, .cacheControl: "no-store"])
    }
}
