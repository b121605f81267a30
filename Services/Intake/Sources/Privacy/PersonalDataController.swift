import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Messaging
import NIOCore
import ServiceKit
import WebUI

/// "Mes données": what the service keeps about the signed-in claimant, for how long, the download of all of it
/// (JSON), and a readable summary in PDF rendered on request by the documents service.
struct PersonalDataController: Sendable {
    let export: ClaimantDataExport
    let summaries: DataSummaries
    let transfers: DocumentTransfers
    let policy: RetentionPolicy
    let pages: PageRenderer
    let gate: ClaimantGate
    let csrf: CSRFProtection
    var clock: @Sendable () -> Date = { Date() }

    static let path = "/mon-espace/donnees"

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get(.init(stringLiteral: Self.path)) { request, _ in try await show(request) }
        router.get(.init(stringLiteral: Self.path + "/export.json")) { request, context in
            try await download(request, context: context)
        }
        router.post(.init(stringLiteral: Self.path + "/releve")) { request, context in
            try await requestSummary(request, context: context)
        }
        router.get(.init(stringLiteral: Self.path + "/releves/:summary")) { request, context in
            try await downloadSummary(request, context: context)
        }
    }

    private func show(_ request: Request) async throws -> Response {
        let session = try await gate.require(request)
        let page = MyDataPage(
            policy: policy,
            summaries: try await summaries.recent(for: session.principalId),
            requested: request.uri.queryParameters["releve"] == "demande",
            session: session
        )
        return try pages.page("my-data", page)
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

    private func requestSummary(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let session = try await gate.require(request)
        let fields = try await FormBody.fields(of: request)
        try csrf.verify(request, submitted: fields["csrfToken"], session: session)
        let id = try await summaries.request(for: session.principalId, context: MessageContext(request: request))
        context.logger.info("data summary requested", metadata: ["summary.id": "\(id)"])
        return Response(
            status: .seeOther,
            headers: [.location: Self.path + "?releve=demande", .cacheControl: "no-store"]
        )
    }

    /// 303 to documents with a one-minute grant, for the claimant's own rendered summary only.
    private func downloadSummary(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let session = try await gate.require(request)
        guard let id = context.parameters.get("summary").flatMap(UUID.init(uuidString:)),
            let summary = try await summaries.recent(for: session.principalId).first(where: { $0.id == id }),
            let document = summary.documentId
        else { throw HTTPError(.notFound) }
        let url = try transfers.downloadURL(document: document, claim: id, owner: session.principalId, now: clock())
        return Response(status: .seeOther, headers: [.location: url, .cacheControl: "no-store"])
    }
}

/// What the "Mes données" page shows.
struct MyDataPage {
    struct Summary {
        var requestedAt: String
        var href: String?
    }

    let title = "Mes données personnelles"
    let site = "Mon Indemnisation Justice"
    let homePath = "/"
    let jsonHref = PersonalDataController.path + "/export.json"
    let summaryAction = PersonalDataController.path + "/releve"
    var claimYears: String
    var accountYears: String
    var summaries: [Summary]
    var hasSummaries: Bool
    var requested: Bool
    var csrfToken: String
    var account: AccountNav

    init(policy: RetentionPolicy, summaries: [DataSummaries.Summary], requested: Bool, session: WebSessions.Session) {
        claimYears = Self.duration(days: policy.claimDays)
        accountYears = Self.duration(days: policy.accountDays)
        self.summaries = summaries.map { summary in
            Summary(
                requestedAt: summary.requestedAt.formatted(ParisTime.dayAndTime),
                href: summary.documentId == nil
                    ? nil : "\(PersonalDataController.path)/releves/\(summary.id.uuidString.lowercased())"
            )
        }
        hasSummaries = !summaries.isEmpty
        self.requested = requested
        csrfToken = session.csrfToken
        account = AccountNav(csrfToken: session.csrfToken)
    }

    private static func duration(days: Int) -> String {
        if days % 365 == 0 { return days == 365 ? "un an" : "\(days / 365) ans" }
        return "\(days) jours"
    }
}
