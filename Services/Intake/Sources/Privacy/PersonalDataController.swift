import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceKit
import WebUI

/// "Mes données": what the service keeps about the signed-in claimant, for how long, and the download of all of it.
struct PersonalDataController: Sendable {
    let export: ClaimantDataExport
    let policy: RetentionPolicy
    let pages: PageRenderer
    let gate: ClaimantGate
    var clock: @Sendable () -> Date = { Date() }

    static let path = "/mon-espace/donnees"

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get(.init(stringLiteral: Self.path)) { request, _ in try await show(request) }
        router.get(.init(stringLiteral: Self.path + "/export.json")) { request, context in
            try await download(request, context: context)
        }
    }

    private func show(_ request: Request) async throws -> Response {
        let session = try await gate.require(request)
        return try pages.page(
            "my-data",
            MyDataPage(policy: policy, account: AccountNav(csrfToken: session.csrfToken))
        )
    }

    private func download(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let session = try await gate.require(request)
        guard let json = try await export.export(account: session.principalId, at: clock()) else {
            throw HTTPError(.notFound)
        }
        context.logger.info("personal data exported", metadata: ["account.id": "\(session.principalId)"])
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/json; charset=utf-8",
                .contentDisposition: "attachment; filename=\"mes-donnees-mon-indemnisation.json\"",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: json))
        )
    }
}

/// What the "Mes données" page shows.
struct MyDataPage {
    let title = "Mes données personnelles"
    let site = "Mon Indemnisation Justice"
    let homePath = "/"
    let jsonHref = PersonalDataController.path + "/export.json"
    var claimYears: String
    var accountYears: String
    var account: AccountNav

    init(policy: RetentionPolicy, account: AccountNav) {
        claimYears = Self.duration(days: policy.claimDays)
        accountYears = Self.duration(days: policy.accountDays)
        self.account = account
    }

    private static func duration(days: Int) -> String {
        if days % 365 == 0 { return days == 365 ? "un an" : "\(days / 365) ans" }
        return "\(days) jours"
    }
}
