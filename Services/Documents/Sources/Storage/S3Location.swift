import Foundation
import ServiceKit

/// Where documents' bucket is and the keys that sign for it (DOCUMENTS_S3_*). Addressed path-style
/// (`endpoint/bucket/key`), which AWS and the S3-compatible stores all accept.
struct S3Location: Sendable {
    /// `https://s3.eu-west-3.amazonaws.com`, `https://s3.fr-par.scw.cloud`, `http://127.0.0.1:9000`…
    var endpoint: String
    var bucket: String
    var region: String
    var accessKeyID: String
    var secretAccessKey: String

    static func read(from reader: SettingsReader) -> S3Location {
        let location = S3Location(
            endpoint: reader.string("documents.s3.endpoint", default: ""),
            bucket: reader.string("documents.s3.bucket", default: ""),
            region: reader.string("documents.s3.region", default: "eu-west-3"),
            accessKeyID: reader.string("documents.s3.access.key.id", default: ""),
            secretAccessKey: reader.string("documents.s3.secret.access.key", default: "", secret: true)
        )
        let required = [
            ("DOCUMENTS_S3_ENDPOINT", location.endpoint), ("DOCUMENTS_S3_BUCKET", location.bucket),
            ("DOCUMENTS_S3_ACCESS_KEY_ID", location.accessKeyID),
            ("DOCUMENTS_S3_SECRET_ACCESS_KEY", location.secretAccessKey),
        ]
        for (name, value) in required where value.isEmpty {
            reader.report("\(name) is required when DOCUMENTS_STORAGE=s3")
        }
        if !location.endpoint.isEmpty && location.components == nil {
            reader.report("DOCUMENTS_S3_ENDPOINT must be an http(s) URL, got \"\(location.endpoint)\"")
        }
        return location
    }

    private var components: URLComponents? {
        guard let parts = URLComponents(string: endpoint), ["http", "https"].contains(parts.scheme),
            parts.host?.isEmpty == false
        else { return nil }
        return parts
    }

    /// `scheme://host[:port]`.
    var origin: String {
        guard let parts = components, let scheme = parts.scheme, let host = parts.host else { return endpoint }
        return "\(scheme)://\(host)\(parts.port.map { ":\($0)" } ?? "")"
    }

    /// The `Host` header, as signed and as sent.
    var hostHeader: String {
        guard let parts = components, let host = parts.host else { return "" }
        return host + (parts.port.map { ":\($0)" } ?? "")
    }

    /// The endpoint's own path, if it has one (without its trailing slash).
    var basePath: String {
        let path = components?.path ?? ""
        return path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}
