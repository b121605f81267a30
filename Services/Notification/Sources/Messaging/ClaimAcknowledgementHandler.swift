import Contracts
import Foundation
import Messaging
import ServiceKit

/// Sends the claimant the acknowledgement of receipt of a submitted claim.
struct ClaimAcknowledgementHandler: EventHandler {
    let delivery: MailDelivery
    let publicBaseURL: String

    func handle(_ event: ClaimSubmitted, context: HandlerContext) async throws {
        try await ClaimContacts.recordClaimant(event, context: context)
        let model = AcknowledgementModel(
            firstName: event.claimant.firstName,
            lastName: event.claimant.lastName,
            reference: event.reference,
            doorBreakDate: ParisTime.day(iso: event.doorBreak.date),
            submittedOn: event.submittedAt.formatted(ParisTime.day),
            trackingURL: "\(publicBaseURL)/mon-espace"
        )
        try await delivery.deliver(
            .init(
                template: "claim-acknowledgement",
                model: model,
                to: event.claimant.email,
                subject: "Accusé de réception de votre demande \(event.reference)",
                claimId: event.claimId,
                audience: .claimant
            ),
            context: context
        )
    }
}
