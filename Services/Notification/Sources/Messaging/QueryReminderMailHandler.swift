import Contracts
import Foundation
import Messaging
import ServiceKit

/// Reminds each investigator of the unit that a rédacteur's question waits for their answer.
struct QueryReminderMailHandler: EventHandler {
    let delivery: MailDelivery
    let publicBaseURL: String

    /// The reminder's model.
    struct Model {
        var name: String
        var reference: String
        var dueOn: String
        var overdue: Bool
        var link: String
    }

    func handle(_ event: InvestigatorQueryReminder, context: HandlerContext) async throws {
        for investigator in event.recipients {
            let model = Model(
                name: investigator.displayName,
                reference: event.reference,
                dueOn: ParisTime.day(iso: event.dueOn),
                overdue: event.overdue,
                link: "\(publicBaseURL)/fdo/declarations/\(event.declarationId.uuidString.lowercased())"
            )
            try await delivery.deliver(
                .init(
                    template: "query-reminder",
                    model: model,
                    to: investigator.email,
                    subject: event.overdue
                        ? "Question en retard sur le dossier \(event.reference)"
                        : "Question à traiter avant le \(model.dueOn) : dossier \(event.reference)",
                    claimId: nil,
                    audience: .investigator
                ),
                context: context
            )
        }
    }
}
