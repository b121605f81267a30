import Crypto
import Foundation
import Persistence

/// AWS Signature Version 4, header form, as every S3-compatible store checks it: the request's method, path, query,
/// chosen headers and payload hash are signed with a key derived from the secret, the day, the region and the
/// service. The secret itself never travels.
struct SignatureV4: Sendable {
    var accessKeyID: String
    var secretAccessKey: String
    var region: String
    var service = "s3"

    /// What is signed. `path` is already encoded as sent; query names and values are raw.
    struct Request {
        var method: String
        var path: String
        var query: [(name: String, value: String)] = []
        /// Every header to sign, `host` among them (names in any case).
        var headers: [(name: String, value: String)]
        /// The hex SHA-256 of the body (sent as `x-amz-content-sha256`, so the store checks the body too).
        var payloadHash: String
    }

    /// The hex SHA-256 of an empty body.
    static let emptyPayloadHash = SHA256.hash(data: Data()).hex

    /// The headers to send: the request's own, `x-amz-date`, `x-amz-content-sha256` and `Authorization`.
    func signedHeaders(for request: Request, at date: Date) -> [(name: String, value: String)] {
        let timestamp = Self.timestamp(date)
        let headers =
            request.headers + [("x-amz-content-sha256", request.payloadHash), ("x-amz-date", timestamp)]
        return headers + [("Authorization", authorization(for: request, headers: headers, timestamp: timestamp))]
    }

    func authorization(
        for request: Request,
        headers: [(name: String, value: String)],
        timestamp: String
    ) -> String {
        let day = String(timestamp.prefix(8))
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let canonical = Dictionary(
            headers.map { ($0.name.lowercased(), $0.value.trimmingCharacters(in: .whitespaces)) },
            uniquingKeysWith: { first, _ in first }
        )
        .sorted { $0.key < $1.key }
        let signedNames = canonical.map(\.key).joined(separator: ";")
        let canonicalRequest = [
            request.method,
            request.path,
            request.query.map { (Self.encoded($0.name), Self.encoded($0.value)) }
                .sorted { $0 < $1 }
                .map { "\($0.0)=\($0.1)" }
                .joined(separator: "&"),
            canonical.map { "\($0.key):\($0.value)\n" }.joined(),
            signedNames,
            request.payloadHash,
        ].joined(separator: "\n")
        let stringToSign = [
            "AWS4-HMAC-SHA256", timestamp, scope, SHA256.hash(data: Data(canonicalRequest.utf8)).hex,
        ].joined(separator: "\n")
        var key = SymmetricKey(data: Data("AWS4\(secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Self.hmac(part, key: key))
        }
        let signature = Self.hmac(stringToSign, key: key).map { String(format: "%02x", $0) }.joined()
        return
            "AWS4-HMAC-SHA256 Credential=\(accessKeyID)/\(scope), SignedHeaders=\(signedNames), Signature=\(signature)"
    }

    /// RFC 3986 encoding of everything but the unreserved characters, as SigV4 wants it (a space is `%20`).
    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    static func timestamp(_ date: Date) -> String {
        date.formatted(
            Date.ISO8601FormatStyle(dateSeparator: .omitted, dateTimeSeparator: .standard, timeSeparator: .omitted)
        )
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    )

    private static func hmac(_ message: String, key: SymmetricKey) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key))
    }
}
