import Contracts
import Foundation
import Messaging
import ServiceKit

/// E-mails a claimant's reminder (`intake.claimant-reminder`): their draft to finish, a request for information to
/// answer, an offer to accept or refuse, each with its date and the link to do it.
struct ClaimantReminderMailHandler: EventHandler {
    /// Stored properties only (Mustache reads them by reflection).
    struct Model {
        var firstName: String
        var hasFirstName: Bool
        var reference: String
        var dueOn: String
        var link: String
    }

    let delivery: MailDelivery
    let publicBaseURL: String

    func handle(_ event: ClaimantReminder, context: HandlerContext) async throws {
        let model = Model(
            firstName: event.firstName,
            hasFirstName: !event.firstName.isEmpty,
            reference: event.reference ?? "",
            dueOn: event.dueOn.map(ParisTime.day(iso:)) ?? "",
            link: event.kind == .draftIdle
                ? "\(publicBaseURL)/mon-espace" : "\(publicBaseURL)/demandes/\(event.claimId.uuidString.lowercased())"
        )
        let (template, subject) =
            switch event.kind {
            case .draftIdle: ("draft-reminder", "Votre demande d’indemnisation n’est pas terminée")
            case .informationDue:
                (
                    "information-reminder",
                    "Demande \(model.reference) : le complément est attendu avant le \(model.dueOn)"
                )
            case .offerAwaiting:
                ("offer-reminder", "Demande \(model.reference) : répondez à la proposition avant le \(model.dueOn)")
            }
        try await delivery.deliver(
            .init(
                template: template,
                model: model,
                to: event.email,
                subject: subject,
                claimId: event.claimId,
                audience: .claimant
            ),
            context: context
        )
    }
}
