import Foundation
import WebUI

/// How intake lets a claimant's browser send files to and read files from the documents service: upload forms
/// post there directly, and download links lead there, each carrying a grant intake signs once it has checked
/// that the claim and the document are the claimant's own.
struct DocumentTransfers: Sendable {
    let grants: DocumentGrantSigner
    /// The documents service's origin as browsers reach it; empty behind the gateway (same origin).
    let documentsOrigin: String
    /// Intake's origin, where documents sends the browser back; empty behind the gateway.
    let portalOrigin: String
    /// How long a page's upload forms stay usable.
    var lifetime: TimeInterval = 30 * 60

    var uploadAction: String { "\(documentsOrigin)/documents/televersement" }

    /// A grant to upload documents of `types` to `claim` for `owner`, coming back to `returnPath` (by default the
    /// claim's documents step).
    func token(claim: UUID, owner: UUID, types: [DocumentType], now: Date, returnPath: String? = nil) throws -> String {
        try grants.token(
            for: DocumentGrant(
                action: .upload,
                claimId: claim,
                principalId: owner,
                documentTypes: types.map(\.rawValue),
                returnPath: portalOrigin
                    + (returnPath ?? ClaimDraftController.stepPath(claim, ClaimStep.documents.rawValue)),
                expiresAt: now.addingTimeInterval(lifetime)
            )
        )
    }

    /// Where the browser reads one of `claim`'s documents for `owner`; the claim's page is where an expired link
    /// leads back to.
    func downloadURL(document: UUID, claim: UUID, owner: UUID, now: Date) throws -> String {
        try grants.downloadURL(
            document: document,
            claim: claim,
            principal: owner,
            returnPath: portalOrigin + ClaimDraftController.claimPath(claim),
            documentsOrigin: documentsOrigin,
            now: now
        )
    }
}
