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

/// Writes to the claimant about one of instruction's steps.
struct ClaimantStepMailer: Sendable {
    let delivery: MailDelivery
    let publicBaseURL: String

    func send(
        _ template: String,
        subject: String,
        claim: UUID,
        reference: String,
        message: String? = nil,
        dueOn: String? = nil,
        documents: [String] = [],
        context: HandlerContext
    ) async throws {
        let claimant = try await ClaimContacts.claimant(of: claim, context: context)
        let model = ClaimantStepModel(
            firstName: claimant.firstName,
            lastName: claimant.lastName,
            reference: reference,
            claimURL: "\(publicBaseURL)/demandes/\(claim.uuidString.lowercased())",
            message: message,
            dueOn: dueOn.map(ParisTime.day(iso:)),
            documents: documents.map(DocumentTypeNames.label(of:)),
            hasDocuments: !documents.isEmpty
        )
        try await delivery.deliver(
            .init(template: template, model: model, to: claimant.email, subject: subject, claimId: claim),
            context: context
        )
    }

    func sendToAssignee(_ template: String, subject: String, claim: UUID, reference: String, context: HandlerContext)
        async throws
    {
        guard let assignee = try await ClaimContacts.assignee(of: claim, context: context) else { return }
        let model = AgentStepModel(
            agentName: assignee.name,
            reference: reference,
            claimURL: "\(publicBaseURL)/agents/dossiers/\(claim.uuidString.lowercased())"
        )
        try await delivery.deliver(
            .init(template: template, model: model, to: assignee.email, subject: subject, claimId: claim),
            context: context
        )
    }
}

/// N6: the rédacteur is told a claim was given to them.
struct ClaimAssignedMailHandler: EventHandler {
    let mailer: ClaimantStepMailer

    func handle(_ event: ClaimAssigned, context: HandlerContext) async throws {
        try await ClaimContacts.recordAssignee(event, context: context)
        try await mailer.sendToAssignee(
            "claim-assigned",
            subject: "Dossier \(event.reference) à instruire",
            claim: event.claimId,
            reference: event.reference,
            context: context
        )
    }
}

/// N7: the claimant is told their claim is being examined.
struct InstructionStartedMailHandler: EventHandler {
    let mailer: ClaimantStepMailer

    func handle(_ event: InstructionStarted, context: HandlerContext) async throws {
        try await mailer.send(
            "instruction-started",
            subject: "Votre demande \(event.reference) est en cours d’examen",
            claim: event.claimId,
            reference: event.reference,
            context: context
        )
    }
}

/// The claimant is asked for documents or information, with the deadline.
struct InformationRequestedMailHandler: EventHandler {
    let mailer: ClaimantStepMailer

    func handle(_ event: InformationRequested, context: HandlerContext) async throws {
        try await mailer.send(
            "information-requested",
            subject: "Demande \(event.reference) : le bureau a besoin d’un complément",
            claim: event.claimId,
            reference: event.reference,
            message: event.message,
            dueOn: event.dueOn,
            documents: event.documentTypes,
            context: context
        )
    }
}

/// N14: the claimant is told their claim was closed, and why.
struct ClaimClosedMailHandler: EventHandler {
    let mailer: ClaimantStepMailer

    func handle(_ event: ClaimClosed, context: HandlerContext) async throws {
        try await mailer.send(
            "claim-closed",
            subject: "Votre demande \(event.reference) a été clôturée",
            claim: event.claimId,
            reference: event.reference,
            message: event.explanation,
            context: context
        )
    }
}

/// The rédacteur is told the claimant answered their request.
struct ClaimCompletedMailHandler: EventHandler {
    let mailer: ClaimantStepMailer

    func handle(_ event: ClaimCompletedByClaimant, context: HandlerContext) async throws {
        try await mailer.sendToAssignee(
            "information-answered",
            subject: "Dossier \(event.reference) : le requérant a répondu",
            claim: event.claimId,
            reference: event.reference,
            context: context
        )
    }
}

/// N9: the claimant is told a decision is available (an offer to answer, or a rejection).
struct DecisionMailHandler<Decision: EventContract>: EventHandler {
    let mailer: ClaimantStepMailer
    let facts: @Sendable (Decision) -> (claim: UUID, reference: String, isOffer: Bool, answerBy: String?)

    func handle(_ event: Decision, context: HandlerContext) async throws {
        let decision = facts(event)
        try await mailer.send(
            decision.isOffer ? "offer-sent" : "claim-rejected",
            subject: "Votre demande \(decision.reference) : une décision est disponible",
            claim: decision.claim,
            reference: decision.reference,
            dueOn: decision.answerBy,
            context: context
        )
    }
}

/// N10 and its refusal twin: the rédacteur is told the claimant answered the offer.
struct OfferAnswerMailHandler<Answer: EventContract>: EventHandler {
    let mailer: ClaimantStepMailer
    let template: String
    let subject: String
    let facts: @Sendable (Answer) -> (claim: UUID, reference: String)

    func handle(_ event: Answer, context: HandlerContext) async throws {
        let answer = facts(event)
        try await mailer.sendToAssignee(
            template,
            subject: "Dossier \(answer.reference) : \(subject)",
            claim: answer.claim,
            reference: answer.reference,
            context: context
        )
    }
}

/// The claimant is told the transfer is on its way (a gap of today's service), then that it was made (N13).
struct PaymentMailHandler<Payment: EventContract>: EventHandler {
    let mailer: ClaimantStepMailer
    /// The claim, its reference, and the day of the transfer once made (nil: transmitted only).
    let facts: @Sendable (Payment) -> (claim: UUID, reference: String, paidOn: String?)

    func handle(_ event: Payment, context: HandlerContext) async throws {
        let payment = facts(event)
        try await mailer.send(
            payment.paidOn == nil ? "payment-transmitted" : "claim-paid",
            subject: payment.paidOn == nil
                ? "Votre demande \(payment.reference) : le virement est en cours"
                : "Votre demande \(payment.reference) : l’indemnisation a été versée",
            claim: payment.claim,
            reference: payment.reference,
            dueOn: payment.paidOn,
            context: context
        )
    }
}
