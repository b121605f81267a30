import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresNIO
import WebUI

/// A browser signed in to one portal: its session cookie and the CSRF token its forms carry.
package struct PortalSession: Sendable {
    package var id: UUID
    package var cookie: String
    package var csrfToken: String

    package init(id: UUID, cookie: String, csrfToken: String) {
        self.id = id
        self.cookie = cookie
        self.csrfToken = csrfToken
    }

    /// Opens a session for `principal` in the portal's `web_session` table, as a sign-in would.
    package static func open(
        for principal: UUID,
        cookie: String,
        client: PostgresClient,
        logger: Logger
    ) async throws -> PortalSession {
        let sessions = WebSessions(client: client, cookie: cookie, secureCookies: false, logger: logger)
        let setCookie = try await sessions.open(for: principal)
        let rows = try await client.query(
            "SELECT csrf_token FROM web_session WHERE principal_id = \(principal) ORDER BY created_at DESC LIMIT 1",
            logger: logger
        )
        var token = ""
        for try await value in rows.decode(String.self) { token = value }
        return PortalSession(id: principal, cookie: String(setCookie.prefix { $0 != ";" }), csrfToken: token)
    }
}

extension TestClientProtocol {
    /// A GET as `session` (anonymous when nil).
    package func get(_ path: String, as session: PortalSession?) async throws -> TestResponse {
        try await execute(uri: path, method: .get, headers: session.map { [.cookie: $0.cookie] } ?? [:])
    }

    /// A form POST as `session`, with its CSRF token unless `csrf` is false, from `origin` when given.
    package func post(
        _ path: String,
        as session: PortalSession?,
        _ fields: [(String, String)] = [],
        csrf: Bool = true,
        origin: String? = nil
    ) async throws -> TestResponse {
        let all = (csrf && session != nil ? [("csrfToken", session!.csrfToken)] : []) + fields
        let body = all.map { "\(formEncoded($0.0))=\(formEncoded($0.1))" }.joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let session { headers[.cookie] = session.cookie }
        if let origin { headers[.origin] = origin }
        return try await execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    private func formEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))
            ?? ""
    }
}

extension TestResponse {
    /// The body as text.
    package var text: String { String(buffer: body) }
}

extension PostgresClient {
    /// Payloads of the outbox events of one name in the connected schema, oldest first.
    package func outboxEvents<E: EventContract>(_ type: E.Type, logger: Logger) async throws -> [E] {
        let rows = try await query(
            "SELECT payload::text FROM outbox WHERE event_name = \(E.eventName) ORDER BY occurred_at, message_id",
            logger: logger
        )
        var events: [E] = []
        for try await payload in rows.decode(String.self) {
            events.append(try ContractCoding.decoder().decode(E.self, from: Data(payload.utf8)))
        }
        return events
    }
}
