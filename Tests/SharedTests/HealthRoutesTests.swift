import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import Testing

@testable import ServiceKit

struct HealthRoutesTests {
    private struct Down: Error {}

    private func app(checks: [ReadinessCheck]) -> some ApplicationProtocol {
        let router = ServiceHTTP.router(
            checks: checks,
            runtime: Runtime(logger: .init(label: "test"), metrics: PrometheusCollectorRegistry())
        )
        return Application(router: router)
    }

    @Test func readyIs503WhenOneDependencyFailsAndNamesItWithoutDetails() async throws {
        let checks = [ReadinessCheck(name: "database") {}, ReadinessCheck(name: "broker") { throw Down() }]
        try await app(checks: checks).test(.router) { client in
            let response = try await client.execute(uri: "/health/ready", method: .get)
            #expect(response.status == .serviceUnavailable)
            let body = String(buffer: response.body)
            #expect(body == #"{"checks":{"broker":"failed","database":"ok"},"status":"unavailable"}"#)
        }
    }

    @Test func liveAndReadyAnswer200WhenAllIsWell() async throws {
        try await app(checks: [ReadinessCheck(name: "database") {}]).test(.router) { client in
            let live = try await client.execute(uri: "/health/live", method: .get)
            let ready = try await client.execute(uri: "/health/ready", method: .get)
            #expect(live.status == .ok)
            #expect(ready.status == .ok)
        }
    }

    @Test func everyResponseCarriesARequestIdAndSecurityHeaders() async throws {
        try await app(checks: []).test(.router) { client in
            let response = try await client.execute(uri: "/health/live", method: .get)
            #expect(response.headers[.requestID]?.count == 36)
            #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            let missing = try await client.execute(uri: "/nowhere", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
        }
    }

    @Test func aControlCharacterInTheQueryIsRefusedBeforeAnyRoute() async throws {
        try await app(checks: []).test(.router) { client in
            for query in ["q=%00x", "retour=%2Fetc%2Fpasswd%00", "a%0Ab=1", "q=ligne%0D%0Asuite", "q=%7F"] {
                let response = try await client.execute(uri: "/health/live?\(query)", method: .get)
                #expect(response.status == .badRequest, "\(query)")
                #expect(response.headers[.contentSecurityPolicy] != nil, "the refusal carries the security headers")
            }
            let plain = try await client.execute(uri: "/health/live?q=%C3%89lodie%20%F0%9F%98%80&page=2", method: .get)
            #expect(plain.status == .ok)
        }
    }
}
