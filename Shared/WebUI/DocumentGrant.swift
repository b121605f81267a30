import Crypto
import Foundation
import ServiceKit

/// What a portal allows a browser to do at the documents service, for a few minutes: upload documents of given
/// types to a claim, or read one document. The portal checks the person's right, then signs the grant with a key
/// it shares with the documents service (HMAC-SHA256); the browser carries it, so files never pass through the
/// portal and the documents service needs no session of its own.
package struct DocumentGrant: Codable, Sendable, Equatable {
    package enum Action: String, Codable, Sendable {
        case upload
        case download
    }

    package var action: Action
    package var claimId: UUID
    /// The claimant, agent or investigator the grant was issued to.
    package var principalId: UUID
    /// Types an upload may declare (empty for a download).
    package var documentTypes: [String]
    /// The document a download reads.
    package var documentId: UUID?
    /// Where the browser goes back after an upload: a path on the gateway's origin.
    package var returnPath: String
    package var expiresAt: Date

    package init(
        action: Action,
        claimId: UUID,
        principalId: UUID,
        documentTypes: [String] = [],
        documentId: UUID? = nil,
        returnPath: String,
        expiresAt: Date
    ) {
        self.action = action
        self.claimId = claimId
        self.principalId = principalId
        self.documentTypes = documentTypes
        self.documentId = documentId
        self.returnPath = returnPath
        self.expiresAt = expiresAt
    }
}

/// Signs and checks `DocumentGrant`s: `base64url(JSON).base64url(HMAC-SHA256)`.
package struct DocumentGrantSigner: Sendable {
    private let key: SymmetricKey

    /// From `DOCUMENTS_GRANT_KEY`: at least 32 random bytes in base64; nil otherwise.
    package init?(base64Key: String) {
        guard let bytes = Data(base64Encoded: base64Key), bytes.count >= 32 else { return nil }
        key = SymmetricKey(data: bytes)
    }

    package func token(for grant: DocumentGrant) throws -> String {
        let payload = try Self.encoder.encode(grant)
        let mac = HMAC<SHA256>.authenticationCode(for: payload, using: key)
        return payload.base64URLEncoded + "." + Data(mac).base64URLEncoded
    }

    /// What a token checks to: `.valid`, `.expired` (authentic but too old: the page that issued it should be
    /// reloaded) or `.forged` (altered, truncated or signed with another key).
    package func check(_ token: String, now: Date) -> DocumentGrantCheck {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.count <= 4096, parts.count == 2, let payload = Data(base64URLEncoded: String(parts[0])),
            let mac = Data(base64URLEncoded: String(parts[1])),
            HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: payload, using: key),
            let grant = try? Self.decoder.decode(DocumentGrant.self, from: payload)
        else { return .forged }
        return grant.expiresAt > now ? .valid(grant) : .expired(grant)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()
}

/// The outcome of checking a grant token.
package enum DocumentGrantCheck: Sendable, Equatable {
    case valid(DocumentGrant)
    case expired(DocumentGrant)
    case forged
}

extension DocumentGrantSigner {
    /// Where a browser reads one document of a claim for `principal`, through a grant made at the click (a minute is
    /// plenty, and a copied link soon stops working); `returnPath` is where an expired link leads back to.
    package func downloadURL(
        document: UUID,
        claim: UUID,
        principal: UUID,
        returnPath: String,
        documentsOrigin: String,
        now: Date,
        lifetime: TimeInterval = 60
    ) throws -> String {
        let token = try token(
            for: DocumentGrant(
                action: .download,
                claimId: claim,
                principalId: principal,
                documentId: document,
                returnPath: returnPath,
                expiresAt: now.addingTimeInterval(lifetime)
            )
        )
        return "\(documentsOrigin)/documents/fichiers/\(document.uuidString.lowercased())?jeton=\(token)"
    }
}

extension DocumentGrantSigner {
    /// The signer of `DOCUMENTS_GRANT_KEY`, shared by documents and the portals; nil (reported) when the key is
    /// missing or too short.
    package static func fromSettings(_ reader: SettingsReader) -> DocumentGrantSigner? {
        let signer = DocumentGrantSigner(base64Key: reader.string("documents.grant.key", default: "", secret: true))
        if signer == nil {
            reader.report("DOCUMENTS_GRANT_KEY must be at least 32 random bytes in base64 (openssl rand -base64 32)")
        }
        return signer
    }
}
