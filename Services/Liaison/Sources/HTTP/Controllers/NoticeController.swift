import Foundation
import Hummingbird
import Logging
import ServiceKit
import WebUI

/// The printable notice of one of the unit's declarations: a short download grant at the documents service.
struct NoticeController: Sendable {
    let declarations: DeclarationRepository
    let gate: InvestigatorGate
    let grants: DocumentGrantSigner
    /// The documents service's origin as browsers reach it; empty behind the gateway.
    let documentsOrigin: String
    var clock: @Sendable () -> Date = { Date() }

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/fdo/declarations/:id/avis") { request, context in
            let (investigator, _) = try await gate.require(request)
            guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)),
                let document = try await declarations.notice(of: id, unit: investigator.unitCode)
            else {
                throw HTTPError(.notFound, message: "L’avis de cette déclaration n’est pas (encore) disponible.")
            }
            context.logger.info(
                "investigator opened a notice",
                metadata: ["declaration.id": "\(id)", "investigator.id": "\(investigator.id)"]
            )
            let url = try grants.downloadURL(
                document: document,
                claim: id,
                principal: investigator.id,
                returnPath: LiaisonPages.declarationPath(id),
                documentsOrigin: documentsOrigin,
                now: clock()
            )
            return Response(status: .seeOther, headers: [.location: url, .cacheControl: "no-store"])
        }
    }
}
