import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Messaging
import Testing

@testable import ServiceKit

/// The events a request causes carry its id as their correlation id: the `request.id` of the portal's log lines is
/// the `correlation.id` of every consumer's.
struct CorrelationTests {
    private func app() -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: RequestIDMiddleware())
        router.get("/cause") { request, _ in MessageContext(request: request).correlationId.uuidString.lowercased() }
        return Application(router: router)
    }

    @Test func anEventCausedByARequestIsCorrelatedWithItsId() async throws {
        try await app().test(.router) { client in
            let response = try await client.execute(uri: "/cause", method: .get)
            #expect(String(buffer: response.body) == response.headers[.requestID])
            let given = UUID().uuidString.lowercased()
            let forwarded = try await client.execute(uri: "/cause", method: .get, headers: [.requestID: given])
            #expect(String(buffer: forwarded.body) == given)
        }
    }
}
