import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Messaging
import ServiceKit
import TestSupport
import Testing

@testable import Instruction
@testable import Intake
@testable import Liaison

/// Every GET route of the three portals, as production serves them (public origin in HTTPS, secure cookies), answers
/// with the security headers of reliability.md §4.C 32 — pages, errors, JSON and redirects alike —, sets cookies only
/// as `__Host-`, `Secure`, `HttpOnly` and `SameSite`, and refuses TRACE.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct SecurityHeadersTests {
    private static let production = ["PUBLIC_BASE_URL": "https://mij.example.gouv.fr", "COOKIES_SECURE": "true"]

    @Test func theClaimantPortal() async throws {
        let database = try await TestDatabase.create(migrations: ["intake": try IntakeService.allMigrations()])
        let settings = try IntakeService.settings(from: TestServices(database: database).reader(Self.production))
        let platform = MessagingPlatform(settings: settings.common, logger: TestDatabase.logger)
        let router = try IntakeService.router(settings: settings, platform: platform, runtime: TestServices.runtime())
        let paths = Self.getPaths(router)
        let app = Application(router: router)
        try await withRunningServices([platform.client]) {
            try await app.test(.router) { client in try await Self.check(paths, client) }
        }
        try await database.drop()
    }

    @Test func theBackOffice() async throws {
        try await InstructionHarness.make(settings: Self.production).run { harness in
            let paths = Self.getPaths(harness.router)
            try await Application(router: harness.router).test(.router) { client in try await Self.check(paths, client)
            }
        }
    }

    @Test func theInvestigatorsPortal() async throws {
        try await LiaisonHarness.make(settings: Self.production).run { harness, client in
            try await Self.check(Self.getPaths(harness.router), client)
        }
    }

    /// The router's GET routes, their parameters filled with ids that exist nowhere.
    private static func getPaths(_ router: Router<ServiceRequestContext>) -> [String] {
        router.routes.filter { $0.method == .get }.map { route in
            "\(route.path)".split(separator: "/", omittingEmptySubsequences: false).map {
                $0.hasPrefix("{") ? UUID().uuidString.lowercased() : String($0)
            }.joined(separator: "/")
        }
    }

    /// Each path anonymously, then TRACE.
    private static func check(_ paths: [String], _ client: any TestClientProtocol) async throws {
        #expect(paths.count >= 10)
        var cookies = 0
        for path in paths {
            let response = try await client.execute(uri: path, method: .get)
            expectSecurityHeaders(response.headers, "GET \(path) (\(response.status))")
            for cookie in response.headers[values: .setCookie] {
                cookies += 1
                let attributes = cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                #expect(cookie.hasPrefix("__Host-"), "GET \(path) sets \(cookie)")
                #expect(attributes.contains("Secure") && attributes.contains("HttpOnly"), "GET \(path) sets \(cookie)")
                #expect(attributes.contains { $0.hasPrefix("SameSite=") }, "GET \(path) sets \(cookie)")
            }
        }
        #expect(cookies > 0, "the sign-in forms set their CSRF cookie")
        let trace = try await client.execute(uri: "/", method: HTTPRequest.Method("TRACE")!)
        #expect(trace.status.code >= 400 && trace.status.code < 500, "TRACE answered \(trace.status)")
        expectSecurityHeaders(trace.headers, "TRACE /")
    }

    private static func expectSecurityHeaders(_ headers: HTTPFields, _ what: String) {
        let policy = headers[.contentSecurityPolicy] ?? ""
        for directive in [
            "default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'",
            "form-action 'self'",
        ] {
            #expect(policy.contains(directive), "\(what): CSP lacks \(directive)")
        }
        #expect(
            headers[HTTPField.Name("Strict-Transport-Security")!] == "max-age=31536000; includeSubDomains",
            "\(what)"
        )
        #expect(headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(what)")
        #expect(headers[HTTPField.Name("Referrer-Policy")!] == "strict-origin-when-cross-origin", "\(what)")
        #expect(headers[HTTPField.Name("Permissions-Policy")!]?.contains("camera=()") == true, "\(what)")
    }
}
