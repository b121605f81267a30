import Foundation
import Testing

@testable import Instruction

/// Every action against every state and every kind of agent: exactly the moves of domain.md §2.3 are allowed.
struct ClaimLifecycleTests {
    /// The kinds of agent the rules distinguish; the claim is always assigned to `assignee`.
    enum Profile: CaseIterable {
        case attributeur, assignedRedacteur, otherRedacteur, validateur, validateurWhoInstructed, budget, consultation
        case staffManager

        static let assignee = UUID()

        var agent: Agent {
            switch self {
            case .attributeur: Agent(id: UUID(), displayName: "A", roles: [.attributeur])
            case .assignedRedacteur: Agent(id: Self.assignee, displayName: "R", roles: [.redacteur])
            case .otherRedacteur: Agent(id: UUID(), displayName: "R2", roles: [.redacteur])
            case .validateur: Agent(id: UUID(), displayName: "V", roles: [.validateur])
            case .validateurWhoInstructed:
                Agent(id: Self.assignee, displayName: "RV", roles: [.redacteur, .validateur])
            case .budget: Agent(id: UUID(), displayName: "B", roles: [.budgetLiaison])
            case .consultation: Agent(id: UUID(), displayName: "C", roles: [.consultation])
            case .staffManager: Agent(id: UUID(), displayName: "G", roles: [.staffManager])
            }
        }
    }

    /// The specification, written out move by move: (action, from, to, who may).
    static let allowed: [(ClaimAction, ClaimState, ClaimState, Set<Profile>)] = {
        let open: [ClaimState] = [
            .toAssign, .toInstruct, .inInstruction, .offerToSign, .rejectionToSign, .offerToApprove,
            .acceptanceToVerify,
            .verified, .toPay, .awaitingPayment,
        ]
        let assignee: Set<Profile> = [.assignedRedacteur, .validateurWhoInstructed]
        let validators: Set<Profile> = [.validateur, .validateurWhoInstructed]
        var moves: [(ClaimAction, ClaimState, ClaimState, Set<Profile>)] = []
        for state in open {
            moves.append((.assign, state, state == .toAssign ? .toInstruct : state, [.attributeur]))
            moves.append((.addNote, state, state, Profile.redacteurs.union([.attributeur, .validateur, .budget])))
        }
        for state: ClaimState in [.toAssign, .toInstruct, .inInstruction, .offerToSign, .rejectionToSign] {
            moves.append((.close, state, .closed, assignee.union(validators).union([.attributeur])))
        }
        moves += [
            (.startInstruction, .toInstruct, .inInstruction, assignee),
            (.requestInformation, .inInstruction, .inInstruction, assignee),
            (.askInvestigator, .inInstruction, .inInstruction, assignee),
            (.reviewDocument, .inInstruction, .inInstruction, assignee),
            (.reviewDocument, .acceptanceToVerify, .acceptanceToVerify, assignee),
            (.draftOffer, .inInstruction, .offerToSign, assignee),
            (.draftRejection, .inInstruction, .rejectionToSign, assignee),
            (.returnToInstruction, .offerToSign, .inInstruction, validators),
            (.returnToInstruction, .rejectionToSign, .inInstruction, validators),
            (.signDecision, .offerToSign, .offerToApprove, [.validateur]),
            (.signDecision, .rejectionToSign, .rejected, [.validateur]),
            (.verifyAcceptance, .acceptanceToVerify, .verified, assignee),
            (.signPaymentOrder, .verified, .toPay, [.validateur]),
            (.transmitToPayment, .toPay, .awaitingPayment, assignee.union([.budget])),
            (.markPaid, .awaitingPayment, .paid, assignee.union([.budget])),
        ]
        return moves
    }()

    @Test(arguments: ClaimAction.allCases)
    func exactlyTheSpecifiedMovesAreAllowed(action: ClaimAction) {
        for state in ClaimState.allCases {
            for profile in Profile.allCases {
                let claim = ClaimLifecycle.Claim(state: state, assigneeId: Profile.assignee)
                let outcome = ClaimLifecycle.outcome(of: action, on: claim, by: profile.agent)
                let expected = Self.allowed.first { $0.0 == action && $0.1 == state && $0.3.contains(profile) }
                switch (outcome, expected) {
                case (.success(let next), .some(let move)):
                    #expect(next == move.2, "\(action) from \(state) by \(profile)")
                case (.failure, .none): break
                case (.success(let next), .none):
                    Issue.record("\(action) from \(state) by \(profile) allowed (→ \(next)) against the specification")
                case (.failure(let refusal), .some):
                    Issue.record("\(action) from \(state) by \(profile) refused (\(refusal)) against the specification")
                }
            }
        }
    }

    @Test func refusalsSayWhy() {
        let claim = ClaimLifecycle.Claim(state: .inInstruction, assigneeId: Profile.assignee)
        #expect(
            ClaimLifecycle.outcome(of: .draftOffer, on: claim, by: Profile.otherRedacteur.agent)
                == .failure(.notAssignee)
        )
        #expect(
            ClaimLifecycle.outcome(of: .assign, on: claim, by: Profile.consultation.agent) == .failure(.roleMissing)
        )
        #expect(
            ClaimLifecycle.outcome(of: .startInstruction, on: claim, by: Profile.assignedRedacteur.agent)
                == .failure(.wrongState(.inInstruction))
        )
        let toSign = ClaimLifecycle.Claim(state: .offerToSign, assigneeId: Profile.assignee)
        #expect(
            ClaimLifecycle.outcome(of: .signDecision, on: toSign, by: Profile.validateurWhoInstructed.agent)
                == .failure(.fourEyes)
        )
        #expect(ClaimLifecycle.Refusal.wrongState(.paid).message.contains("Indemnisé"))
    }

    @Test func whoMayTakeAnActionDoesNotDependOnTheState() {
        let paid = ClaimLifecycle.Claim(state: .paid, assigneeId: Profile.assignee)
        let mayTransmit = Profile.allCases.filter {
            ClaimLifecycle.mayTake(.transmitToPayment, on: paid, by: $0.agent)
        }
        #expect(Set(mayTransmit) == [.assignedRedacteur, .validateurWhoInstructed, .budget])
    }

    @Test func theClaimantAnswersOnlyAPendingOffer() {
        #expect(ClaimLifecycle.claimantAnswered(accepting: true, from: .offerToApprove) == .acceptanceToVerify)
        #expect(ClaimLifecycle.claimantAnswered(accepting: false, from: .offerToApprove) == .inInstruction)
        for state in ClaimState.allCases where state != .offerToApprove {
            #expect(ClaimLifecycle.claimantAnswered(accepting: true, from: state) == nil)
        }
    }

    @Test func aStaffManagerReadsNoClaim() {
        #expect(!Profile.staffManager.agent.readsClaims)
        #expect(Profile.consultation.agent.readsClaims)
    }
}

extension ClaimLifecycleTests.Profile {
    static let redacteurs: Set<Self> = [.assignedRedacteur, .otherRedacteur, .validateurWhoInstructed]
}
