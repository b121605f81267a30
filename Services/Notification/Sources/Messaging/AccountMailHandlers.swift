import Contracts
import Foundation
import Messaging
import ServiceKit

/// Sends the link that activates a new claimant account.
struct AccountVerificationHandler: EventHandler {
    let delivery: MailDelivery

    func handle(_ event: ClaimantVerificationRequested, context: HandlerContext) async throws {
        try await delivery.deliver(
            .init(
                template: "account-verification",
                model: AccountLinkModel(
                    link: event.verificationURL,
                    expiresAt: event.expiresAt.formatted(ParisTime.dayAndTime)
                ),
                to: event.email,
                subject: "Activez votre compte Mon Indemnisation Justice",
                claimId: nil,
                audience: .claimant
            ),
            context: context
        )
    }
}

/// Sends the link to choose a new password.
struct PasswordResetHandler: EventHandler {
    let delivery: MailDelivery

    func handle(_ event: PasswordResetRequested, context: HandlerContext) async throws {
        try await delivery.deliver(
            .init(
                template: "password-reset",
                model: AccountLinkModel(
                    link: event.resetURL,
                    expiresAt: event.expiresAt.formatted(ParisTime.dayAndTime)
                ),
                to: event.email,
                subject: "Choisissez un nouveau mot de passe",
                claimId: nil,
                audience: .claimant
            ),
            context: context
        )
    }
}

/// Model of the account e-mails: the single-use link and when it stops working.
struct AccountLinkModel {
    var link: String
    var expiresAt: String
}
