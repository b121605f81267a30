import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ServiceKit
import Testing
import WebUI

@testable import Liaison

struct HomeControllerTests {
    private func makeApp() throws -> some ApplicationProtocol {
        let router = Router(context: ServiceRequestContext.self)
        HomeController(
            pages: try LiaisonService.pages(),
            authenticator: BasicAuthenticator(realm: "test") { email, password in
                email == "enqueteur@fdo.mij.test" && password == "secret"
                    ? StaffMember(id: UUID(), displayName: "<Enquêteur>", roles: ["force:PN"]) : nil
            }
        ).addRoutes(to: router)
        return Application(router: router)
    }

    @Test func anonymousVisitorsAreAskedToSignIn() async throws {
        try await makeApp().test(.router) { client in
            let response = try await client.execute(uri: "/fdo", method: .get)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Basic realm=") == true)
        }
    }

    @Test func wrongPasswordsAreRefused() async throws {
        try await makeApp().test(.router) { client in
            let credentials = Data("enqueteur@fdo.mij.test:wrong".utf8).base64EncodedString()
            let response = try await client.execute(
                uri: "/fdo",
                method: .get,
                headers: [.authorization: "Basic \(credentials)"]
            )
            #expect(response.status == .unauthorized)
        }
    }

    @Test func anInvestigatorSeesTheHomeWithTheirNameEscaped() async throws {
        try await makeApp().test(.router) { client in
            let credentials = Data("enqueteur@fdo.mij.test:secret".utf8).base64EncodedString()
            let response = try await client.execute(
                uri: "/fdo",
                method: .get,
                headers: [.authorization: "Basic \(credentials)"]
            )
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains("&lt;Enquêteur&gt;"))
            #expect(response.headers[.cacheControl] == "no-store")
        }
    }
}
