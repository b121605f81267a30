import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// oidc-provider-mock (PyPI, installed in `.venv`) as a local OpenID Connect provider for sign-in tests: a real
/// code flow with discovery, JWKS, RS256 ID tokens and userinfo, with one predefined person.
package final class OIDCProviderMock: @unchecked Sendable {
    package let port: Int
    private let process = Process()

    /// Starts the provider with a nonce required and the person `claims` (must include `sub`).
    package init(claims: [String: String]) throws {
        port = try ServiceProcess.freePort()
        process.executableURL = TestEnvironment.packageRoot.appendingPathComponent(".venv/bin/oidc-provider-mock")
        let person = String(decoding: try JSONSerialization.data(withJSONObject: claims), as: UTF8.self)
        process.arguments = ["-p", String(port), "-n", "true", "--user-claims", person]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    package var issuer: String { "http://127.0.0.1:\(port)" }

    /// Waits until discovery answers.
    package func waitUntilReady() async -> Bool {
        await eventually(timeout: .seconds(30)) {
            let response = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: "\(self.issuer)/.well-known/openid-configuration"),
                timeout: .seconds(3)
            )
            return response.status == .ok
        }
    }

    /// What a person does on the provider's page: signs in as `subject`. Returns where the provider sends the
    /// browser back (our callback with `code` and `state`).
    package func authorize(_ authorizationURL: String, as subject: String) async throws -> String {
        try await postForm(to: authorizationURL, "sub=\(subject)")
    }

    /// What a person does on the provider's end-session page: confirms. Returns where the provider sends the
    /// browser back (the portal's `post_logout_redirect_uri`, with the `state`).
    package func endSession(_ endSessionURL: String) async throws -> String {
        let page = try await HTTPClient.shared.execute(HTTPClientRequest(url: endSessionURL), timeout: .seconds(10))
        let html = String(buffer: try await page.body.collect(upTo: 1 << 20))
        guard let back = html.firstMatch(of: /name="redirect_uri" value="([^"]+)"/)?.1 else {
            throw OIDCMockError(status: Int(page.status.code))
        }
        let returnURI = back.replacingOccurrences(of: "&amp;", with: "&")
        let encoded = returnURI.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return try await postForm(to: "\(issuer)/oauth2/end_session/confirm", "redirect_uri=\(encoded)")
    }

    private func postForm(to url: String, _ body: String) async throws -> String {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(.init(string: body))
        let client = HTTPClient(configuration: .init(redirectConfiguration: .disallow))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(10))
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
        guard let location = response.headers["location"].first else {
            throw OIDCMockError(status: Int(response.status.code))
        }
        return location
    }

    /// SIGTERM, then SIGKILL if it lingers. (Foundation's `waitUntilExit` spins off the main thread on Linux.)
    package func stop() async {
        if process.isRunning { process.terminate() }
        if await !eventually(timeout: .seconds(5), { !self.process.isRunning }) {
            kill(process.processIdentifier, SIGKILL)
        }
    }
}

/// The provider did not send the browser back.
package struct OIDCMockError: Error {
    var status: Int
}
