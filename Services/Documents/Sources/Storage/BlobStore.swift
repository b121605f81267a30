import Foundation
import Hummingbird
import NIOCore
import ServiceKit

/// Where documents' contents are kept, one blob per document under its claim's folder (`claim/document`), named by
/// server ids only — never by content or original name. A filesystem folder on one machine, an S3 bucket when the
/// service runs on several (DOCUMENTS_STORAGE).
protocol BlobStore: Sendable {
    /// Readiness: the store answers and accepts the service's credentials.
    func checkReady() async throws
    func write(_ content: ByteBuffer, document: UUID, claim: UUID) async throws
    func read(document: UUID, claim: UUID) async throws -> ByteBuffer
    /// The content as a response body, streamed rather than loaded whole; 404 when it is not there.
    func body(document: UUID, claim: UUID, context: some RequestContext) async throws -> ResponseBody
    func exists(document: UUID, claim: UUID) async throws -> Bool
    /// Removes the content; a document already removed is not an error.
    func delete(document: UUID, claim: UUID) async throws
    /// Removes every document of a claim's folder; a folder already removed is not an error. The number removed.
    @discardableResult
    func deleteFolder(claim: UUID) async throws -> Int
}

/// The names blobs take in every store.
enum BlobName {
    static func folder(_ claim: UUID) -> String { claim.uuidString.lowercased() }

    static func document(_ document: UUID, claim: UUID) -> String {
        "\(folder(claim))/\(document.uuidString.lowercased())"
    }
}

/// Which store documents uses (DOCUMENTS_STORAGE: `filesystem`, the default, or `s3`).
enum BlobStoreSettings: Sendable {
    /// A folder of this machine (DOCUMENTS_STORAGE_PATH).
    case filesystem(path: String)
    /// An S3-compatible bucket (DOCUMENTS_S3_*).
    case s3(S3Location)

    static func read(from reader: SettingsReader) -> BlobStoreSettings {
        switch reader.string("documents.storage", default: "filesystem") {
        case "s3":
            return .s3(S3Location.read(from: reader))
        case "filesystem":
            return .filesystem(path: reader.string("documents.storage.path", default: ".run/blobs"))
        case let other:
            reader.report("DOCUMENTS_STORAGE must be filesystem or s3, got \"\(other)\"")
            return .filesystem(path: ".run/blobs")
        }
    }

    func makeStore() -> any BlobStore {
        switch self {
        case .filesystem(let path): FileBlobStore(root: URL(fileURLWithPath: path))
        case .s3(let location): S3BlobStore(location: location)
        }
    }
}
