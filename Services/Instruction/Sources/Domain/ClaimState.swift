import Foundation

/// The 14 states of a claim (domain.md §2.2) with the label agents see.
enum ClaimState: String, Sendable, CaseIterable {
    case toComplete = "A_FINALISER"
    case toAssign = "A_ATTRIBUER"
    case toInstruct = "A_INSTRUIRE"
    case inInstruction = "EN_INSTRUCTION"
    case offerToSign = "OK_A_SIGNER"
    case rejectionToSign = "KO_A_SIGNER"
    case offerToApprove = "OK_A_APPROUVER"
    case acceptanceToVerify = "OK_A_VERIFIER"
    case verified = "OK_VERIFIE"
    case toPay = "OK_A_INDEMNISER"
    case awaitingPayment = "OK_EN_ATTENTE_PAIEMENT"
    case paid = "OK_INDEMNISE"
    case rejected = "KO_REJETE"
    case closed = "CLOTURE"

    var agentLabel: String {
        switch self {
        case .toComplete: "En cours de saisie"
        case .toAssign: "À attribuer"
        case .toInstruct: "À instruire"
        case .inInstruction: "En instruction"
        case .offerToSign: "Proposition à signer"
        case .rejectionToSign: "Rejet à signer"
        case .offerToApprove: "Proposition envoyée"
        case .acceptanceToVerify: "Acceptation à vérifier"
        case .verified: "Arrêté à signer"
        case .toPay: "À transmettre au paiement"
        case .awaitingPayment: "En attente de paiement"
        case .paid: "Indemnisé"
        case .rejected: "Rejeté"
        case .closed: "Clôturé"
        }
    }
}

extension ClaimState {
    /// How long a claim should stay in this state before it is flagged as overdue, in days (nil: no target,
    /// the claim is waiting on nobody in the office or is finished).
    var targetDays: Int? {
        switch self {
        case .toAssign: 3
        case .toInstruct: 7
        case .inInstruction: 30
        case .offerToSign, .rejectionToSign, .verified: 5
        case .offerToApprove: 30
        case .acceptanceToVerify, .toPay: 5
        case .awaitingPayment: 30
        case .toComplete, .paid, .rejected, .closed: nil
        }
    }

    /// Whether a claim that entered this state at `enteredAt` is past its target at `now`.
    func isOverdue(enteredAt: Date, now: Date) -> Bool {
        guard let targetDays else { return false }
        return now.timeIntervalSince(enteredAt) > Double(targetDays) * 86_400
    }
}
