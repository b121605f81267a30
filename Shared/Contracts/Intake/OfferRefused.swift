import Foundation

/// The claimant refused the offer, saying why, possibly with the amount they would accept: the claim goes back to
/// its rédacteur.
package struct OfferRefused: EventContract {
    package static let eventName = "intake.offer-refused"
    package static let version = 1

    package var claimId: UUID
    package var reference: String
    package var reason: String
    package var counterProposalCents: Int?
    package var refusedAt: Date

    package init(claimId: UUID, reference: String, reason: String, counterProposalCents: Int?, refusedAt: Date) {
        self.claimId = claimId
        self.reference = reference
        self.reason = reason
        self.counterProposalCents = counterProposalCents
        self.refusedAt = refusedAt
    }
}
