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
