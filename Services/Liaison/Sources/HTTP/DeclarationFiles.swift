import Foundation
import WebUI

/// The grants that send investigators' browsers to the documents service: to upload a declaration's attachments,
/// and to read its notice, its attachments or the files a rédacteur joined to a question.
struct DeclarationFiles: Sendable {
    let grants: DocumentGrantSigner
    /// The documents service's origin as browsers reach it; empty behind the gateway.
    let documentsOrigin: String
    /// This portal's origin, for documents to send the browser back; empty behind the gateway (same origin).
    let portalOrigin: String
    var lifetime: TimeInterval = 30 * 60

    var uploadAction: String { "\(documentsOrigin)/documents/televersement" }

    /// A grant to attach reports and photos to the declaration, coming back to its page.
    func uploadGrant(declaration: UUID, investigator: UUID, now: Date) throws -> String {
        try grants.token(
            for: DocumentGrant(
                action: .upload,
                claimId: declaration,
                principalId: investigator,
                documentTypes: Attachment.Kind.allCases.map(\.rawValue),
                returnPath: portalOrigin + LiaisonPages.declarationPath(declaration),
                expiresAt: now.addingTimeInterval(lifetime)
            )
        )
    }

    /// Where the browser reads one of the declaration's files, or of its questions' (`folder`: the question).
    func downloadURL(document: UUID, declaration: UUID, folder: UUID? = nil, investigator: UUID, now: Date) throws
        -> String
    {
        try grants.downloadURL(
            document: document,
            claim: folder ?? declaration,
            principal: investigator,
            returnPath: LiaisonPages.declarationPath(declaration),
            documentsOrigin: documentsOrigin,
            now: now
        )
    }
}
