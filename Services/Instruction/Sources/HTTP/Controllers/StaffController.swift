import Foundation
import HTTPTypes
import Hummingbird
import ServiceKit
import WebUI

/// Staff management for gestionnaires: list the agents, declare one by address (ProConnect links the account on
/// first sign-in), grant or withdraw roles, disable an account. Every change is audited.
struct StaffController: Sendable {
    let accounts: StaffAccounts
    let pages: PageRenderer
    let gate: AgentGate
    let csrf: CSRFProtection

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get(RouterPath(StaffPages.home)) { request, _ in
            let (_, session) = try await gate.requireStaffManager(request)
            let done = request.uri.queryParameters["fait"].flatMap { Self.confirmations[String($0)] }
            let page = StaffListPage(accounts: try await accounts.all(), csrfToken: session.csrfToken, done: done)
            return try pages.page("staff-list", page)
        }
        router.post(RouterPath(StaffPages.home)) { request, _ in
            let (manager, session) = try await gate.requireStaffManager(request)
            let fields = try await FormFields(request)
            try csrf.verify(request, submitted: fields["csrfToken"], session: session)
            do {
                let input = try StaffAccountInput.declaration(
                    email: fields["email"],
                    name: fields["nom"],
                    roles: fields.all("roles")
                ).get()
                _ = try await accounts.declare(input, by: manager)
            } catch let invalid as InvalidActionInput {
                let page = StaffListPage(
                    accounts: try await accounts.all(),
                    csrfToken: session.csrfToken,
                    form: (
                        fields["email"] ?? "", fields["nom"] ?? "",
                        Set(fields.all("roles").compactMap(AgentRole.init(rawValue:)))
                    ),
                    problems: invalid.problems
                )
                return try pages.page("staff-list", page, status: .unprocessableContent)
            }
            return Response(
                status: .seeOther,
                headers: [.location: "\(StaffPages.home)?fait=declare", .cacheControl: "no-store"]
            )
        }
        router.get(RouterPath("\(StaffPages.home)/:agent")) { request, context in
            let (_, session) = try await gate.requireStaffManager(request)
            guard let agent = try await accounts.account(try agentId(context)) else { throw HTTPError(.notFound) }
            return try pages.page("staff-account", StaffAccountPage(agent, csrfToken: session.csrfToken))
        }
        router.post(RouterPath("\(StaffPages.home)/:agent")) { request, context in
            let (manager, session) = try await gate.requireStaffManager(request)
            guard let agent = try await accounts.account(try agentId(context)) else { throw HTTPError(.notFound) }
            let fields = try await FormFields(request)
            try csrf.verify(request, submitted: fields["csrfToken"], session: session)
            do {
                let change = try StaffAccountInput.change(roles: fields.all("roles"), active: fields["actif"]).get()
                try await accounts.change(agent.id, roles: change.roles, active: change.active, by: manager)
            } catch is AccountNotFound {
                throw HTTPError(.notFound)
            } catch let invalid as InvalidActionInput {
                let page = StaffAccountPage(agent, csrfToken: session.csrfToken, problems: invalid.problems)
                return try pages.page("staff-account", page, status: .unprocessableContent)
            }
            return Response(
                status: .seeOther,
                headers: [.location: "\(StaffPages.home)?fait=modifie", .cacheControl: "no-store"]
            )
        }
    }

    private func agentId(_ context: ServiceRequestContext) throws -> UUID {
        guard let id = context.parameters.get("agent", as: UUID.self) else { throw HTTPError(.notFound) }
        return id
    }

    static let confirmations = [
        "declare": "L’agent est déclaré : il pourra se connecter avec ProConnect à cette adresse.",
        "modifie": "Le compte est modifié ; le changement vaut dès la prochaine page de l’agent.",
    ]
}
