import Contracts
import Foundation
import WebUI

/// A declaration as its unit sees it: a draft being written, or submitted with its code.
struct Declaration: Sendable, Equatable {
    enum State: String, Sendable {
        case draft
        case submitted
        /// An occupant attached it to their claim.
        case linked

        var label: String {
            switch self {
            case .draft: "Brouillon"
            case .submitted: "Transmise"
            case .linked: "Demande déposée"
            }
        }
    }

    var id: UUID
    var state: State
    var form: DeclarationForm
    var declaredBy: String
    var code: DeclarationCode?
    var codeExpiresAt: Date?
    var createdAt: Date
    var updatedAt: Date
    var submittedAt: Date?
    /// The claim it started, once filed, and its latest step.
    var claimReference: String?
    var claimOutcome: ClaimOutcome?
    var claimOutcomeAt: Date?
    /// Whether documents filed the printable notice.
    var hasNotice = false
}

extension DeclarationSubmitted {
    /// The event of a complete form (checked by `DeclarationForm.problems`), for the investigator's unit.
    init(
        _ form: DeclarationForm,
        id: UUID,
        investigator: Investigator,
        code: DeclarationCode,
        codeExpiresAt: Date,
        at now: Date
    ) {
        func optional(_ field: DeclarationField) -> String? { form[field].isEmpty ? nil : form[field] }
        self.init(
            declarationId: id,
            code: code,
            codeExpiresAt: codeExpiresAt,
            force: investigator.force,
            unitCode: investigator.unitCode,
            operationalError: form[.operationalError],
            facts: form[.errorDescription],
            operationDate: form[.operationDate],
            address: Address(
                streetAddress: form[.streetAddress],
                postalCode: form[.postalCode],
                commune: form[.commune]
            ),
            procedure: Procedure(
                number: form[.procedureNumber],
                investigatingService: form[.investigatingService],
                servicePhone: PhoneNumber.e164(form[.servicePhone]) ?? form[.servicePhone],
                court: optional(.court),
                magistrate: optional(.magistrate)
            ),
            occupant: form.knowsOccupant
                ? Occupant(
                    civility: form[.occupantCivility],
                    lastName: form[.occupantLastName],
                    firstName: form[.occupantFirstName],
                    email: EmailAddress(form[.occupantEmail])?.value,
                    phone: PhoneNumber.e164(form[.occupantPhone])
                ) : nil,
            occupantDetails: optional(.occupantDetails),
            submittedAt: now
        )
    }
}
