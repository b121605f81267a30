import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceKit
import WebUI

/// The data protection referent's pages: open an access or erasure request about a person (by e-mail address),
/// follow the services' answers, download them as one JSON file. Every opening and download is audited.
struct SubjectRequestController: Sendable {
    let requests: SubjectRequests
    let pages: PageRenderer
    let gate: AgentGate
    let csrf: CSRFProtection

    static let path = "/agents/donnees-personnelles"

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get(RouterPath(Self.path)) { request, _ in
            let (_, session) = try await gate.requireDataProtection(request)
            return try pages.page(
                "subject-requests",
                SubjectRequestsPage(try await requests.recent(), session: session)
            )
        }
        router.post(RouterPath(Self.path)) { request, context in
            let (agent, session) = try await gate.requireDataProtection(request)
            let fields = try await FormFields(request)
            try csrf.verify(request, submitted: fields["csrfToken"], session: session)
            switch SubjectRequestInput.parse(kind: fields["nature"], email: fields["email"], letter: fields["courrier"])
            {
            case .failure(let invalid):
                let page = SubjectRequestsPage(
                    try await requests.recent(),
                    session: session,
                    form: (fields["nature"] ?? "", fields["email"] ?? "", fields["courrier"] ?? ""),
                    problems: invalid.problems
                )
                return try pages.page("subject-requests", page, status: .unprocessableContent)
            case .success(let input):
                let id = try await requests.open(input.kind, email: input.email, letter: input.letter, by: agent)
                context.logger.notice("data protection request opened", metadata: ["request.id": "\(id)"])
                return Response(
                    status: .seeOther,
                    headers: [.location: "\(Self.path)/\(id.uuidString.lowercased())", .cacheControl: "no-store"]
                )
            }
        }
        router.get(RouterPath("\(Self.path)/:request")) { request, context in
            let (_, session) = try await gate.requireDataProtection(request)
            let found = try await self.request(context)
            return try pages.page("subject-request", SubjectRequestPage(found, session: session))
        }
        router.get(RouterPath("\(Self.path)/:request/reponses.json")) { request, context in
            let (agent, _) = try await gate.requireDataProtection(request)
            let found = try await self.request(context)
            try await requests.auditDownload(found.id, by: agent)
            let answers = found.reports.map { "\"\($0.key)\":\($0.value.data)" }.sorted().joined(separator: ",")
            let body =
                "{\"request\":\"\(found.id.uuidString.lowercased())\",\"kind\":\"\(found.kind.rawValue)\",\"answers\":{\(answers)}}"
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/json; charset=utf-8",
                    .contentDisposition:
                        "attachment; filename=\"demande-\(found.id.uuidString.prefix(8).lowercased()).json\"",
                    .cacheControl: "no-store",
                ],
                body: .init(byteBuffer: ByteBuffer(string: body))
            )
        }
    }

    private func request(_ context: ServiceRequestContext) async throws -> SubjectRequests.Request {
        guard let id = context.parameters.get("request").flatMap(UUID.init(uuidString:)),
            let found = try await requests.request(id)
        else { throw HTTPError(.notFound) }
        return found
    }
}

/// The referent's form, checked field by field.
struct SubjectRequestInput {
    var kind: SubjectRequestOpened.Kind
    var email: String
    var letter: String

    static func parse(kind: String?, email: String?, letter: String?) -> Result<Self, InvalidActionInput> {
        var problems: [String: String] = [:]
        let kind = kind.flatMap(SubjectRequestOpened.Kind.init(rawValue:))
        if kind == nil { problems["nature"] = "Choisissez la nature de la demande : accès ou effacement." }
        let address = (email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if address.count > 254 || address.wholeMatch(of: /[^@\s]+@[^@\s]+\.[^@\s]+/) == nil {
            problems["email"] = "Saisissez l’adresse électronique de la personne, au format nom@domaine.fr."
        }
        let text = (letter ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || text.count > 200 {
            problems["courrier"] =
                "Indiquez la référence du courrier ou du message de la personne (200 caractères au plus)."
        }
        guard let kind, problems.isEmpty else { return .failure(InvalidActionInput(problems: problems)) }
        return .success(Self(kind: kind, email: address, letter: text))
    }
}
