import Contracts
import Foundation
import ServiceKit
import WebUI

/// The referent's list of requests and the form to open one.
struct SubjectRequestsPage {
    struct Line {
        var href: String
        var date: String
        var kind: String
        var email: String
        var status: String
    }

    let title = "Demandes sur les données personnelles"
    let site = AgentPages.site
    let homePath = SubjectRequestController.path
    var account: AccountNav
    var csrfToken: String
    var requests: [Line]
    var hasRequests: Bool
    var isAccess: Bool
    var isErasure: Bool
    var email: String
    var letter: String
    var problems: [String: String]
    var hasProblems: Bool

    init(
        _ requests: [SubjectRequests.Request],
        session: WebSessions.Session,
        form: (kind: String, email: String, letter: String) = ("", "", ""),
        problems: [String: String] = [:]
    ) {
        account = AgentPages.nav(csrfToken: session.csrfToken)
        csrfToken = session.csrfToken
        self.requests = requests.map {
            Line(
                href: "\(SubjectRequestController.path)/\($0.id.uuidString.lowercased())",
                date: $0.requestedAt.formatted(ParisTime.dayAndTime),
                kind: $0.kind == .access ? "Accès" : "Effacement",
                email: $0.email,
                status: SubjectRequestPage.progress($0)
            )
        }
        hasRequests = !requests.isEmpty
        isAccess = form.kind == "access"
        isErasure = form.kind == "erasure"
        email = form.email
        letter = form.letter
        self.problems = problems
        hasProblems = !problems.isEmpty
    }
}

/// One request: who asked what, and each service's answer.
struct SubjectRequestPage {
    struct Answer {
        var service: String
        var status: String
    }

    let site = AgentPages.site
    let homePath = SubjectRequestController.path
    var title: String
    var account: AccountNav
    var email: String
    var letter: String
    var requestedBy: String
    var progress: String
    var answers: [Answer]
    var downloadHref: String

    init(_ request: SubjectRequests.Request, session: WebSessions.Session) {
        title =
            "Demande \(request.kind == .access ? "d’accès" : "d’effacement") du \(request.requestedAt.formatted(ParisTime.day))"
        account = AgentPages.nav(csrfToken: session.csrfToken)
        email = request.email
        letter = request.letter
        requestedBy = request.requestedBy
        progress = Self.progress(request)
        answers = SubjectRequests.services.map { service in
            guard let report = request.reports[service] else { return Answer(service: service, status: "En attente") }
            let what = request.kind == .access ? "enregistrement(s) trouvé(s)" : "enregistrement(s) effacé(s)"
            return Answer(
                service: service,
                status: "\(report.records) \(what), le \(report.at.formatted(ParisTime.dayAndTime))"
            )
        }
        downloadHref = "\(SubjectRequestController.path)/\(request.id.uuidString.lowercased())/reponses.json"
    }

    static func progress(_ request: SubjectRequests.Request) -> String {
        let answered = SubjectRequests.services.filter { request.reports[$0] != nil }.count
        return answered == SubjectRequests.services.count
            ? "Complète" : "\(answered) service(s) sur \(SubjectRequests.services.count) ont répondu"
    }
}
