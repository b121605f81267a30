import Contracts
import Foundation
import Messaging

/// Every message of the journeys after submission (domain.md §7 and the gaps it lists), by event.
enum JourneyMails {
    static func subscriptions(delivery: MailDelivery, publicBaseURL: String) -> [Subscription] {
        func claimant<E: EventContract>(_ mail: @escaping @Sendable (E) -> StepMail) -> Subscription {
            Subscription(ClaimantMailHandler(delivery: delivery, publicBaseURL: publicBaseURL, mail: mail))
        }
        func assignee<E: EventContract>(_ mail: @escaping @Sendable (E) -> StepMail) -> Subscription {
            Subscription(AssigneeMailHandler(delivery: delivery, publicBaseURL: publicBaseURL, mail: mail))
        }
        func team<E: EventContract>(
            _ recipients: @escaping @Sendable (E) -> [AgentContact],
            _ mail: @escaping @Sendable (E) -> StepMail
        ) -> Subscription {
            Subscription(
                TeamMailHandler(delivery: delivery, publicBaseURL: publicBaseURL, recipients: recipients, mail: mail)
            )
        }
        return [
            // The morning digest agents may ask for (missing today).
            Subscription(AgentDigestMailHandler(delivery: delivery, publicBaseURL: publicBaseURL)),
            // N5: every attributeur is told a claim waits for a rédacteur.
            team(\ClaimAwaitingAssignment.attributeurs) { event in
                .init(
                    template: "claim-to-assign",
                    subject: "Nouveau dossier \(event.reference) à attribuer",
                    claim: event.claimId,
                    reference: event.reference
                )
            },
            // N8 and N11, and the rejection to sign that today's service never announces.
            team(\SignatureRequested.signers) { event in
                .init(
                    template: Self.signatureTemplates[event.subject] ?? "offer-to-sign",
                    subject: "Dossier \(event.reference) : \(Self.signatureSubjects[event.subject] ?? "") à signer",
                    claim: event.claimId,
                    reference: event.reference
                )
            },
            // N6: the rédacteur is told a claim was given to them.
            Subscription(
                AssigneeMailHandler<ClaimAssigned>(
                    delivery: delivery,
                    publicBaseURL: publicBaseURL,
                    mail: {
                        .init(
                            template: "claim-assigned",
                            subject: "Dossier \($0.reference) à instruire",
                            claim: $0.claimId,
                            reference: $0.reference
                        )
                    },
                    learn: { try await ClaimContacts.recordAssignee($0, context: $1) }
                )
            ),
            // N7.
            claimant { (event: InstructionStarted) in
                .init(
                    template: "instruction-started",
                    subject: "Votre demande \(event.reference) est en cours d’examen",
                    claim: event.claimId,
                    reference: event.reference
                )
            },
            claimant { (event: InformationRequested) in
                .init(
                    template: "information-requested",
                    subject: "Demande \(event.reference) : le bureau a besoin d’un complément",
                    claim: event.claimId,
                    reference: event.reference,
                    message: event.message,
                    day: event.dueOn,
                    documents: event.documentTypes
                )
            },
            // N14.
            claimant { (event: ClaimClosed) in
                .init(
                    template: "claim-closed",
                    subject: "Votre demande \(event.reference) a été clôturée",
                    claim: event.claimId,
                    reference: event.reference,
                    message: event.explanation
                )
            },
            // N9, for an offer (with its answer deadline) and for a rejection.
            claimant { (event: OfferSent) in
                .init(
                    template: "offer-sent",
                    subject: "Votre demande \(event.reference) : une décision est disponible",
                    claim: event.claimId,
                    reference: event.reference,
                    day: event.answerBy
                )
            },
            claimant { (event: ClaimRejected) in
                .init(
                    template: "claim-rejected",
                    subject: "Votre demande \(event.reference) : une décision est disponible",
                    claim: event.claimId,
                    reference: event.reference
                )
            },
            // Not sent by today's service: the transfer is on its way.
            claimant { (event: PaymentTransmitted) in
                .init(
                    template: "payment-transmitted",
                    subject: "Votre demande \(event.reference) : le virement est en cours",
                    claim: event.claimId,
                    reference: event.reference
                )
            },
            // N13.
            claimant { (event: ClaimPaid) in
                .init(
                    template: "claim-paid",
                    subject: "Votre demande \(event.reference) : l’indemnisation a été versée",
                    claim: event.claimId,
                    reference: event.reference,
                    day: event.paidOn
                )
            },
            assignee { (event: ClaimCompletedByClaimant) in
                .init(
                    template: "information-answered",
                    subject: "Dossier \(event.reference) : le requérant a répondu",
                    claim: event.claimId,
                    reference: event.reference
                )
            },
            // The unit's answer, which today comes by phone if at all.
            assignee { (event: InvestigatorQueryAnswered) in
                .init(
                    template: "investigator-answered",
                    subject: "Dossier \(event.reference) : l’unité d’enquête a répondu",
                    claim: event.claimId,
                    reference: event.reference
                )
            },
            // N10, and its refusal twin.
            assignee { (event: OfferAccepted) in
                .init(
                    template: "offer-accepted",
                    subject: "Dossier \(event.reference) : proposition acceptée, à vérifier",
                    claim: event.claimId,
                    reference: event.reference
                )
            },
            assignee { (event: OfferRefused) in
                .init(
                    template: "offer-refused",
                    subject: "Dossier \(event.reference) : proposition refusée par le requérant",
                    claim: event.claimId,
                    reference: event.reference
                )
            },
            // N12.
            assignee { (event: PaymentOrderSigned) in
                .init(
                    template: "payment-order-signed",
                    subject: "Dossier \(event.reference) : arrêté signé, à transmettre",
                    claim: event.claimId,
                    reference: event.reference
                )
            },
        ]
    }

    private static let signatureTemplates: [SignatureRequested.Subject: String] = [
        .offer: "offer-to-sign", .rejection: "rejection-to-sign", .paymentOrder: "payment-order-to-sign",
    ]

    private static let signatureSubjects: [SignatureRequested.Subject: String] = [
        .offer: "proposition d’indemnisation", .rejection: "rejet", .paymentOrder: "arrêté de paiement",
    ]
}
