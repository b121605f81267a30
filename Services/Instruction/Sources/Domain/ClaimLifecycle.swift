import Foundation

/// The server-side guard of every agent action (domain.md §2.3): in which states it is allowed, who may take it,
/// and the state it leads to. Nothing reaches the database without passing here first.
enum ClaimLifecycle {
    /// Who may take an action.
    enum Actor: Hashable, Sendable {
        /// Any agent holding this role.
        case role(AgentRole)
        /// The rédacteur the claim is assigned to.
        case assignedRedacteur
    }

    /// The facts about a claim the rules read.
    struct Claim: Sendable, Equatable {
        var state: ClaimState
        var assigneeId: UUID?
    }

    /// Where an action may start, where it leads, and who may take it.
    struct Rule: Sendable {
        var moves: [ClaimState: ClaimState]
        var actors: Set<Actor>
        /// Four eyes: the agent who instructed the claim may not sign for it.
        var forbidsAssignee = false
    }

    /// States a claim may be closed from without a decision (domain.md §2.2).
    static let closable: Set<ClaimState> = [.toAssign, .toInstruct, .inInstruction, .offerToSign, .rejectionToSign]

    /// States where a claim has been submitted and is not finished: where it can be (re)assigned and annotated.
    static let open: Set<ClaimState> = Set(ClaimState.allCases).subtracting([.toComplete, .paid, .rejected, .closed])

    static func rule(for action: ClaimAction) -> Rule {
        switch action {
        case .assign:
            Rule(moves: staying(in: open).merging([.toAssign: .toInstruct]) { $1 }, actors: [.role(.attributeur)])
        case .startInstruction: Rule(moves: [.toInstruct: .inInstruction], actors: [.assignedRedacteur])
        case .requestInformation, .askInvestigator:
            Rule(moves: staying(in: [.inInstruction]), actors: [.assignedRedacteur])
        case .reviewDocument:
            Rule(moves: staying(in: [.inInstruction, .acceptanceToVerify]), actors: [.assignedRedacteur])
        case .addNote:
            Rule(
                moves: staying(in: open),
                actors: [.role(.attributeur), .role(.redacteur), .role(.validateur), .role(.budgetLiaison)]
            )
        case .close:
            Rule(
                moves: Dictionary(uniqueKeysWithValues: closable.map { ($0, .closed) }),
                actors: [.role(.attributeur), .role(.validateur), .assignedRedacteur]
            )
        case .draftOffer: Rule(moves: [.inInstruction: .offerToSign], actors: [.assignedRedacteur])
        case .draftRejection: Rule(moves: [.inInstruction: .rejectionToSign], actors: [.assignedRedacteur])
        case .returnToInstruction:
            Rule(
                moves: [.offerToSign: .inInstruction, .rejectionToSign: .inInstruction],
                actors: [.role(.validateur)]
            )
        case .signDecision:
            Rule(
                moves: [.offerToSign: .offerToApprove, .rejectionToSign: .rejected],
                actors: [.role(.validateur)],
                forbidsAssignee: true
            )
        case .verifyAcceptance: Rule(moves: [.acceptanceToVerify: .verified], actors: [.assignedRedacteur])
        case .signPaymentOrder:
            Rule(moves: [.verified: .toPay], actors: [.role(.validateur)], forbidsAssignee: true)
        case .transmitToPayment:
            Rule(moves: [.toPay: .awaitingPayment], actors: [.assignedRedacteur, .role(.budgetLiaison)])
        case .markPaid:
            Rule(moves: [.awaitingPayment: .paid], actors: [.assignedRedacteur, .role(.budgetLiaison)])
        }
    }

    /// The state the action leads to, or why this agent may not take it on this claim now.
    static func outcome(of action: ClaimAction, on claim: Claim, by agent: Agent) -> Result<ClaimState, Refusal> {
        let rule = rule(for: action)
        guard mayTake(action, on: claim, by: agent) else {
            return .failure(
                rule.actors.contains(.assignedRedacteur) && agent.holds(.redacteur) ? .notAssignee : .roleMissing
            )
        }
        if rule.forbidsAssignee, claim.assigneeId == agent.id { return .failure(.fourEyes) }
        guard let next = rule.moves[claim.state] else { return .failure(.wrongState(claim.state)) }
        return .success(next)
    }

    /// Whether the agent is among those who may take the action on this claim, whatever its state (for the reads
    /// that go with an action, such as the payment hand-off of those who transmit it).
    static func mayTake(_ action: ClaimAction, on claim: Claim, by agent: Agent) -> Bool {
        rule(for: action).actors.contains { agent.qualifies(as: $0, for: claim) }
    }

    /// The claimant answered the offer (T9 on acceptance; a refusal sends the claim back to its rédacteur).
    static func claimantAnswered(accepting: Bool, from state: ClaimState) -> ClaimState? {
        guard state == .offerToApprove else { return nil }
        return accepting ? .acceptanceToVerify : .inInstruction
    }

    /// Why an action was refused, in words an agent understands.
    enum Refusal: Error, Equatable, Sendable {
        case roleMissing
        case notAssignee
        case fourEyes
        case wrongState(ClaimState)

        var message: String {
            switch self {
            case .roleMissing: "Votre rôle ne permet pas cette action."
            case .notAssignee: "Seul le rédacteur à qui le dossier est attribué peut faire cette action."
            case .fourEyes: "Vous avez instruit ce dossier : un autre validateur doit signer."
            case .wrongState(let state): "Cette action n’est pas possible quand le dossier est « \(state.agentLabel) »."
            }
        }
    }

    private static func staying(in states: Set<ClaimState>) -> [ClaimState: ClaimState] {
        Dictionary(uniqueKeysWithValues: states.map { ($0, $0) })
    }
}

extension Agent {
    fileprivate func qualifies(as actor: ClaimLifecycle.Actor, for claim: ClaimLifecycle.Claim) -> Bool {
        switch actor {
        case .role(let role): holds(role)
        case .assignedRedacteur: holds(.redacteur) && claim.assigneeId == id
        }
    }
}
