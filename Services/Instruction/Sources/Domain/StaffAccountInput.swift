import Foundation

/// What a staff manager submits about an agent's account: the address and name (when declaring), the roles and
/// whether the account is active. Field names are the form's.
struct StaffAccountInput: Sendable, Equatable {
    var email: String
    var displayName: String
    var roles: Set<AgentRole>
    var active: Bool

    /// Checks a declaration (address, name, roles).
    static func declaration(email: String?, name: String?, roles: [String]) -> Result<Self, InvalidActionInput> {
        var problems: [String: String] = [:]
        let email = (email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if email.count > 254 || email.wholeMatch(of: /[^@\s]+@[^@\s]+\.[^@\s]+/) == nil {
            problems["email"] =
                "Saisissez l’adresse électronique professionnelle de l’agent, par exemple prenom.nom@justice.gouv.fr."
        }
        let name = (name ?? "").trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 100 {
            problems["nom"] = "Saisissez le prénom et le nom de l’agent (100 caractères au plus)."
        }
        let parsed = parseRoles(roles)
        if let problem = parsed.problem { problems["roles"] = problem }
        guard problems.isEmpty else { return .failure(InvalidActionInput(problems: problems)) }
        return .success(Self(email: email, displayName: name, roles: parsed.roles, active: true))
    }

    /// Checks a change of roles and status.
    static func change(roles: [String], active: String?) -> Result<
        (roles: Set<AgentRole>, active: Bool), InvalidActionInput
    > {
        let parsed = parseRoles(roles)
        if let problem = parsed.problem { return .failure(InvalidActionInput("roles", problem)) }
        return .success((parsed.roles, active == "oui"))
    }

    private static func parseRoles(_ values: [String]) -> (roles: Set<AgentRole>, problem: String?) {
        let roles = Set(values.compactMap(AgentRole.init(rawValue:)))
        guard roles.count == Set(values).count else { return ([], "Un des rôles choisis n’existe pas.") }
        guard !roles.isEmpty else { return ([], "Choisissez au moins un rôle.") }
        return (roles, nil)
    }
}
