import AsyncHTTPClient
import Crypto
import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import Persistence

/// The S3 blob store, for a service that runs on several machines: one object per document, keyed
/// `claim/document`, in one bucket of any S3-compatible store (AWS, Scaleway, OVHcloud, MinIO, Ceph…), each call
/// signed with Signature Version 4 and its body's SHA-256, so the store refuses a body altered on the way.
struct S3BlobStore: BlobStore {
    let location: S3Location
    var http: HTTPClient = Self.client
    var clock: @Sendable () -> Date = { Date() }
    /// Every call but a download answers within this.
    var timeout: TimeAmount = .seconds(30)
    /// A download streams to a browser at the browser's pace.
    var downloadTimeout: TimeAmount = .minutes(10)
    /// The most `read` loads in memory (documents are at most 10 MB, letters far less).
    var largestRead = 64 * 1024 * 1024
    /// Keys per page when a folder is listed for deletion (S3's maximum).
    var listingPageSize = 1000

    /// One client for every S3 call of the process, never shut down (like `HTTPClient.shared`): a store that refuses
    /// connections fails the call at once, where the shared client would try again until the call's deadline — an
    /// upload would wait 30 s to be told to come back later, a readiness probe would time out.
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    private var signer: SignatureV4 {
        SignatureV4(
            accessKeyID: location.accessKeyID,
            secretAccessKey: location.secretAccessKey,
            region: location.region
        )
    }

    /// The bucket answers a listing signed with the service's keys.
    func checkReady() async throws {
        _ = try await listing(prefix: ".ready/", after: nil, limit: 1)
    }

    func write(_ content: ByteBuffer, document: UUID, claim: UUID) async throws {
        let response = try await send(.PUT, key: BlobName.document(document, claim: claim), body: content)
        guard response.status == .ok else { throw await failure(response, "PutObject") }
    }

    func read(document: UUID, claim: UUID) async throws -> ByteBuffer {
        let response = try await send(.GET, key: BlobName.document(document, claim: claim))
        guard response.status == .ok else { throw await failure(response, "GetObject") }
        return try await response.body.collect(upTo: largestRead)
    }

    func body(document: UUID, claim: UUID, context: some RequestContext) async throws -> ResponseBody {
        let key = BlobName.document(document, claim: claim)
        let response = try await send(.GET, key: key, timeout: downloadTimeout)
        if response.status == .notFound { throw HTTPError(.notFound) }
        guard response.status == .ok else { throw await failure(response, "GetObject") }
        return ResponseBody(asyncSequence: response.body)
    }

    func exists(document: UUID, claim: UUID) async throws -> Bool {
        let response = try await send(.HEAD, key: BlobName.document(document, claim: claim))
        switch response.status {
        case .ok: return true
        case .notFound: return false
        default: throw await failure(response, "HeadObject")
        }
    }

    func delete(document: UUID, claim: UUID) async throws {
        try await delete(key: BlobName.document(document, claim: claim))
    }

    @discardableResult
    func deleteFolder(claim: UUID) async throws -> Int {
        var removed = 0
        var token: String?
        repeat {
            let page = try await listing(prefix: BlobName.folder(claim) + "/", after: token, limit: listingPageSize)
            for key in page.keys { try await delete(key: key) }
            removed += page.keys.count
            token = page.nextToken
        } while token != nil
        return removed
    }

    private func delete(key: String) async throws {
        let response = try await send(.DELETE, key: key)
        // S3 answers 204 whether the object was there or not; some compatible stores answer 404.
        guard [.noContent, .ok, .notFound].contains(response.status) else {
            throw await failure(response, "DeleteObject")
        }
    }

    /// One page of ListObjectsV2 under `prefix`.
    private func listing(prefix: String, after token: String?, limit: Int) async throws -> S3Reply.Listing {
        var query = [("list-type", "2"), ("prefix", prefix), ("max-keys", String(limit))]
        if let token { query.append(("continuation-token", token)) }
        let response = try await send(.GET, key: nil, query: query)
        guard response.status == .ok else { throw await failure(response, "ListObjectsV2") }
        return try S3Reply.listing(Data(buffer: try await response.body.collect(upTo: 16 * 1024 * 1024)))
    }

    /// Signs and sends one call on the bucket (`key` nil) or on one object.
    private func send(
        _ method: HTTPMethod,
        key: String?,
        query: [(String, String)] = [],
        body: ByteBuffer? = nil,
        timeout: TimeAmount? = nil
    ) async throws -> HTTPClientResponse {
        let segments = [location.bucket] + (key.map { $0.split(separator: "/").map(String.init) } ?? [])
        let path = location.basePath + "/" + segments.map(SignatureV4.encoded).joined(separator: "/")
        let payloadHash = body.map { SHA256.hash(data: $0.readableBytesView).hex } ?? SignatureV4.emptyPayloadHash
        let signable = SignatureV4.Request(
            method: method.rawValue,
            path: path,
            query: query.map { (name: $0.0, value: $0.1) },
            headers: [("host", location.hostHeader)],
            payloadHash: payloadHash
        )
        let queryString = query.map { "\(SignatureV4.encoded($0.0))=\(SignatureV4.encoded($0.1))" }
            .joined(separator: "&")
        var request = HTTPClientRequest(url: location.origin + path + (query.isEmpty ? "" : "?" + queryString))
        request.method = method
        for header in signer.signedHeaders(for: signable, at: clock()) {
            request.headers.replaceOrAdd(name: header.name, value: header.value)
        }
        if let body { request.body = .bytes(body) }
        return try await http.execute(request, timeout: timeout ?? self.timeout)
    }

    private func failure(_ response: HTTPClientResponse, _ operation: String) async -> S3Error {
        let reply = try? await response.body.collect(upTo: 64 * 1024)
        return S3Error(
            operation: operation,
            status: response.status.code,
            code: reply.flatMap { S3Reply.errorCode(Data(buffer: $0)) }
        )
    }
}
