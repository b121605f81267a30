import Contracts
import Foundation
import Messaging
import ServiceKit

/// What the claimant's e-mails about instruction's steps show: who, which claim, where to read it, and the step's
/// own details. Stored properties only.
struct ClaimantStepModel {
    var firstName: String
    var lastName: String
    var reference: String
    var claimURL: String
    var message: String?
    var dueOn: String?
    var documents: [String]
    var hasDocuments: Bool
}

/// What a rédacteur's e-mails show: the claim's reference and where to open it (no claimant's personal data).
struct AgentStepModel {
    var agentName: String
    var reference: String
    var claimURL: String
}

/// One e-mail about a step of a claim: its template, subject and the step's details.
struct StepMail: Sendable {
    var template: String
    var subject: String
    var claim: UUID
    var reference: String
    var message: String? = nil
    /// `YYYY-MM-DD`: a deadline, or the day of a transfer.
    var day: String? = nil
    /// Document types asked for.
    var documents: [String] = []
}

/// Writes to the claimant about one of instruction's steps (the claimant known from `ClaimSubmitted`; retried until
/// it is).
struct ClaimantMailHandler<Event: EventContract>: EventHandler {
    let delivery: MailDelivery
    let publicBaseURL: String
    let mail: @Sendable (Event) -> StepMail

    func handle(_ event: Event, context: HandlerContext) async throws {
        let mail = mail(event)
        let claimant = try await ClaimContacts.claimant(of: mail.claim, context: context)
        let model = ClaimantStepModel(
            firstName: claimant.firstName,
            lastName: claimant.lastName,
            reference: mail.reference,
            claimURL: "\(publicBaseURL)/demandes/\(mail.claim.uuidString.lowercased())",
            message: mail.message,
            dueOn: mail.day.map(ParisTime.day(iso:)),
            documents: mail.documents.map(DocumentTypeNames.label(of:)),
            hasDocuments: !mail.documents.isEmpty
        )
        try await delivery.deliver(
            .init(
                template: mail.template,
                model: model,
                to: claimant.email,
                subject: mail.subject,
                claimId: mail.claim,
                audience: .claimant
            ),
            context: context
        )
    }
}

/// Writes to the rédacteur in charge of the claim (known from `ClaimAssigned`; nobody yet: nothing to send).
struct AssigneeMailHandler<Event: EventContract>: EventHandler {
    let delivery: MailDelivery
    let publicBaseURL: String
    let mail: @Sendable (Event) -> StepMail
    /// What the event teaches first (a new assignee).
    var learn: @Sendable (Event, HandlerContext) async throws -> Void = { _, _ in }

    func handle(_ event: Event, context: HandlerContext) async throws {
        try await learn(event, context)
        let mail = mail(event)
        guard let assignee = try await ClaimContacts.assignee(of: mail.claim, context: context) else { return }
        try await delivery.deliver(mail, toAgent: assignee.name, at: assignee.email, publicBaseURL, context: context)
    }
}

extension MailDelivery {
    /// Sends an agent the e-mail about a step of a claim: the reference and the link to the claim's page only.
    func deliver(
        _ mail: StepMail,
        toAgent name: String,
        at email: String,
        _ publicBaseURL: String,
        context: HandlerContext
    ) async throws {
        let model = AgentStepModel(
            agentName: name,
            reference: mail.reference,
            claimURL: "\(publicBaseURL)/agents/dossiers/\(mail.claim.uuidString.lowercased())"
        )
        try await deliver(
            .init(
                template: mail.template,
                model: model,
                to: email,
                subject: mail.subject,
                claimId: mail.claim,
                audience: .agent
            ),
            context: context
        )
    }
}

/// Writes to each agent the event names (every validator for a signature, every attributeur for a new claim):
/// one e-mail each, with the reference and the link only.
struct TeamMailHandler<Event: EventContract>: EventHandler {
    let delivery: MailDelivery
    let publicBaseURL: String
    let recipients: @Sendable (Event) -> [AgentContact]
    let mail: @Sendable (Event) -> StepMail

    func handle(_ event: Event, context: HandlerContext) async throws {
        let mail = mail(event)
        for agent in recipients(event) {
            try await delivery.deliver(
                mail,
                toAgent: agent.displayName,
                at: agent.email,
                publicBaseURL,
                context: context
            )
        }
    }
}

/// Sends an agent their morning digest.
struct AgentDigestMailHandler: EventHandler {
    /// The digest's model: stored properties only.
    struct Model {
        struct Line {
            var label: String
            var count: Int
            var overdue: String?
        }

        var agentName: String
        var day: String
        var lines: [Line]
        var listURL: String
    }

    let delivery: MailDelivery
    let publicBaseURL: String

    func handle(_ event: AgentDigest, context: HandlerContext) async throws {
        let model = Model(
            agentName: event.agent.displayName,
            day: ParisTime.day(iso: event.day),
            lines: event.lines.map {
                .init(label: $0.label, count: $0.count, overdue: $0.overdue > 0 ? "dont \($0.overdue) en retard" : nil)
            },
            listURL: "\(publicBaseURL)/agents/dossiers"
        )
        try await delivery.deliver(
            .init(
                template: "agent-digest",
                model: model,
                to: event.agent.email,
                subject: "Vos dossiers du \(model.day)",
                claimId: nil,
                audience: .agent
            ),
            context: context
        )
    }
}
