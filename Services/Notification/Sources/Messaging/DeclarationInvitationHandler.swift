import Contracts
import Foundation
import Messaging
import ServiceKit

/// Invites the occupant whose door was broken to file a claim, when the investigator gave their e-mail address:
/// the code that attaches the declaration (and pre-fills the claim), and what the invitation does not promise.
/// The investigating service is confidential and never appears.
struct DeclarationInvitationHandler: EventHandler {
    let delivery: MailDelivery
    let publicBaseURL: String

    func handle(_ event: DeclarationSubmitted, context: HandlerContext) async throws {
        guard let occupant = event.occupant else { return }
        try await Self.invite(
            occupant,
            DeclarationInvitationModel(
                occupant: occupant,
                force: event.force,
                operationDate: event.operationDate,
                address: event.address,
                code: event.code,
                codeExpiresAt: event.codeExpiresAt,
                publicBaseURL: publicBaseURL
            ),
            delivery: delivery,
            context: context
        )
    }

    /// Invites the occupant by SMS when the unit gave a mobile number, and by e-mail when it gave an address.
    static func invite(
        _ occupant: DeclarationSubmitted.Occupant,
        _ model: DeclarationInvitationModel,
        delivery: MailDelivery,
        context: HandlerContext
    ) async throws {
        if let phone = occupant.phone {
            try await delivery.deliverSMS(
                model.smsText,
                to: phone,
                template: "declaration-invitation",
                claimId: nil,
                context: context
            )
        }
        guard let email = occupant.email else { return }
        try await delivery.deliver(
            .init(
                template: "declaration-invitation",
                model: model,
                to: email,
                subject: "Votre porte a été endommagée lors d’une opération : demandez une indemnisation",
                claimId: nil,
                audience: .claimant
            ),
            context: context
        )
    }
}

/// Invites the occupant again when the unit added or corrected their contact after submission.
struct DeclarationContactInvitationHandler: EventHandler {
    let delivery: MailDelivery
    let publicBaseURL: String

    func handle(_ event: DeclarationContactUpdated, context: HandlerContext) async throws {
        try await DeclarationInvitationHandler.invite(
            event.occupant,
            DeclarationInvitationModel(
                occupant: event.occupant,
                force: event.force,
                operationDate: event.operationDate,
                address: event.address,
                code: event.code,
                codeExpiresAt: event.codeExpiresAt,
                publicBaseURL: publicBaseURL
            ),
            delivery: delivery,
            context: context
        )
    }
}

/// What the invitation says.
struct DeclarationInvitationModel {
    var greeting: String
    var forceName: String
    var operationDay: String
    var address: String
    var code: String
    var codeExpiresOn: String
    var attachURL: String

    init(
        occupant: DeclarationSubmitted.Occupant,
        force: String,
        operationDate: String,
        address: DeclarationSubmitted.Address,
        code: DeclarationCode,
        codeExpiresAt: Date,
        publicBaseURL: String
    ) {
        let title = occupant.civility == "monsieur" ? "Monsieur" : "Madame"
        greeting = "\(title) \(occupant.lastName)"
        forceName =
            switch force {
            case "GN": "la gendarmerie nationale"
            case "PP": "la préfecture de police"
            default: "la police nationale"
            }
        operationDay = ParisTime.day(iso: operationDate)
        self.address = "\(address.streetAddress), \(address.postalCode) \(address.commune)"
        self.code = code.display
        codeExpiresOn = codeExpiresAt.formatted(ParisTime.day)
        attachURL = "\(publicBaseURL)/rattachement?code=\(code.value)"
    }

    /// The invitation as a text message: short, no personal data beyond what the occupant knows.
    var smsText: String {
        "Ministère de la Justice : la porte du logement \(address) a été endommagée le \(operationDay) lors d’une "
            + "opération de \(forceName). Demandez une indemnisation avec le code \(code) (valable jusqu’au "
            + "\(codeExpiresOn)) : \(attachURL)"
    }
}

/// Sends the one-time code that proves a claimant attaching a declaration is the occupant it names: by e-mail, or
/// by SMS when the unit declared only a mobile number.
struct AttachConfirmationHandler: EventHandler {
    let delivery: MailDelivery

    func handle(_ event: AttachConfirmationRequested, context: HandlerContext) async throws {
        guard let email = event.email else {
            guard let phone = event.phone else { return }
            let text =
                "Ministère de la Justice : votre code de confirmation est \(event.confirmationCode). Il est valable "
                + "jusqu’au \(event.expiresAt.formatted(ParisTime.dayAndTime)). Ne le communiquez à personne."
            try await delivery.deliverSMS(
                text,
                to: phone,
                template: "attach-confirmation",
                claimId: nil,
                context: context
            )
            return
        }
        try await delivery.deliver(
            .init(
                template: "attach-confirmation",
                model: AttachConfirmationModel(
                    code: event.confirmationCode,
                    expiresAt: event.expiresAt.formatted(ParisTime.dayAndTime)
                ),
                to: email,
                subject: "Votre code de confirmation : \(event.confirmationCode)",
                claimId: nil,
                audience: .claimant
            ),
            context: context
        )
    }
}

/// Model of the confirmation e-mail.
struct AttachConfirmationModel {
    var code: String
    var expiresAt: String
}
