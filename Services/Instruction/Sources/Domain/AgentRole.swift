import Foundation

/// The roles of an agent of the Ministry's office (DESIGN.md §7, domain.md §1.2), as stored in `agent.roles`.
enum AgentRole: String, Sendable, CaseIterable, Comparable {
    case consultation
    case attributeur
    case redacteur
    case validateur
    case budgetLiaison = "liaison-budget"
    case staffManager = "gestionnaire"
    case dataProtection = "protection-donnees"

    var label: String {
        switch self {
        case .consultation: "Consultation"
        case .attributeur: "Attributeur"
        case .redacteur: "Rédacteur"
        case .validateur: "Validateur"
        case .budgetLiaison: "Liaison budget"
        case .staffManager: "Gestionnaire d’agents"
        case .dataProtection: "Référent protection des données"
        }
    }

    /// Roles that may read claims; a staff manager manages accounts only and sees no claim.
    static let claimReaders: Set<AgentRole> = [.consultation, .attributeur, .redacteur, .validateur, .budgetLiaison]

    /// Roles that read payment orders, which carry the claimant's bank details.
    static let paymentHandlers: Set<AgentRole> = [.redacteur, .validateur, .budgetLiaison]

    static func < (lhs: AgentRole, rhs: AgentRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A signed-in agent as the rules see them.
struct Agent: Sendable, Equatable {
    var id: UUID
    var displayName: String
    var roles: Set<AgentRole>

    var readsClaims: Bool { !roles.isDisjoint(with: AgentRole.claimReaders) }

    var handlesPayments: Bool { !roles.isDisjoint(with: AgentRole.paymentHandlers) }

    func holds(_ role: AgentRole) -> Bool { roles.contains(role) }
}
