import Foundation
import WebUI

/// View model of the claim form; stored properties only (Mustache reads them by reflection).
struct ClaimFormPage {
    let title = "Déclarer un bris de porte"
    let site = "Mon Indemnisation Justice"
    let homePath = "/"
    var csrfToken: String
    var fields: [FormField]
    var choices: [ChoiceField]
    var errorSummary: [FormField]
    var hasErrors: Bool
    /// The eligibility answers carried to the claim, as hidden fields.
    var eligibilityFields: [EligibilityPage.Hidden]
    var filedAgainstAdvice: Bool
    var account: AccountNav

    init(form: ClaimForm, problems: [String: String], csrfToken: String) {
        self.csrfToken = csrfToken
        account = AccountNav(csrfToken: csrfToken)
        eligibilityFields = form.eligibility.fields.map { EligibilityPage.Hidden(name: $0.name, value: $0.value) }
        filedAgainstAdvice = form.eligibility.outcome?.isIneligible == true
        fields = [
            FormField(
                name: "firstName",
                label: "Prénom",
                value: form.firstName,
                error: problems["firstName"],
                autocomplete: "given-name"
            ),
            FormField(
                name: "lastName",
                label: "Nom",
                value: form.lastName,
                error: problems["lastName"],
                autocomplete: "family-name"
            ),
            FormField(
                name: "email",
                label: "Adresse électronique",
                type: "email",
                value: form.email,
                error: problems["email"],
                hint: "Nous y enverrons l’accusé de réception.",
                autocomplete: "email"
            ),
            FormField(
                name: "doorBreakDate",
                label: "Date du bris de porte",
                type: "date",
                value: form.doorBreakDate,
                error: problems["doorBreakDate"]
            ),
            FormField(
                name: "streetAddress",
                label: "Adresse du logement",
                value: form.streetAddress,
                error: problems["streetAddress"],
                autocomplete: "street-address"
            ),
            FormField(
                name: "postalCode",
                label: "Code postal",
                value: form.postalCode,
                error: problems["postalCode"],
                hint: "5 chiffres",
                autocomplete: "postal-code"
            ),
            FormField(
                name: "commune",
                label: "Commune",
                value: form.commune,
                error: problems["commune"],
                autocomplete: "address-level2"
            ),
            FormField(
                name: "accountHolder",
                label: "Titulaire du compte bancaire",
                value: form.accountHolder,
                error: problems["accountHolder"],
                hint: "Tel qu’il figure sur votre relevé d’identité bancaire (RIB).",
                autocomplete: "name"
            ),
            FormField(
                name: "iban",
                label: "IBAN",
                value: form.iban,
                error: problems["iban"],
                hint: "27 caractères pour un compte en France, par exemple FR76 3000 6000 0112 3456 7890 189."
            ),
            FormField(
                name: "bic",
                label: "BIC",
                value: form.bic,
                error: problems["bic"],
                hint: "8 ou 11 caractères, par exemple BNPAFRPP."
            ),
        ]
        choices = [
            ChoiceField(
                name: "force",
                legend: "Quel service est intervenu ?",
                options: ClaimForm.forces,
                selected: form.force,
                error: problems["force"]
            ),
            ChoiceField(
                name: "armouredDoor",
                legend: "La porte était-elle blindée ?",
                options: [("oui", "Oui"), ("non", "Non")],
                selected: form.armouredDoor,
                error: problems["armouredDoor"]
            ),
        ]
        errorSummary =
            fields.filter { $0.error != nil }
            + choices.compactMap { choice in
                choice.error.map {
                    FormField(name: choice.options.first?.id ?? choice.name, label: choice.legend, error: $0)
                }
            }
        hasErrors = !errorSummary.isEmpty
    }
}

/// View model of the confirmation shown once the claim is committed.
struct ClaimSubmittedPage {
    let title = "Demande enregistrée"
    let site = "Mon Indemnisation Justice"
    let homePath = "/"
    var reference: String
    var submittedOn: String
    var ibanSuffix: String
    var account: AccountNav

    init(claim: SubmittedClaim, csrfToken: String) {
        account = AccountNav(csrfToken: csrfToken)
        reference = claim.reference
        ibanSuffix = claim.ibanSuffix
        submittedOn = claim.submittedAt.formatted(
            Date.FormatStyle(
                date: .long,
                time: .shortened,
                locale: Locale(identifier: "fr_FR"),
                timeZone: TimeZone(identifier: "Europe/Paris") ?? .gmt
            )
        )
    }
}

/// The signed-in part of the header: "Mes demandes" and the sign-out form with the session's CSRF token.
struct AccountNav: Sendable {
    var csrfToken: String
}

/// "Mes demandes": the claimant's claims with the status they are shown.
struct MyClaimsPage {
    /// One row of the table.
    struct Row {
        var reference: String
        var status: String
        var submittedOn: String
    }

    let title = "Mes demandes"
    let site = "Mon Indemnisation Justice"
    let homePath = "/"
    var rows: [Row]
    var hasClaims: Bool
    var account: AccountNav

    init(claims: [ClaimSummary], csrfToken: String) {
        let day = Date.FormatStyle(
            date: .long,
            time: .omitted,
            locale: Locale(identifier: "fr_FR"),
            timeZone: TimeZone(identifier: "Europe/Paris") ?? .gmt
        )
        rows = claims.map {
            Row(
                reference: $0.reference,
                status: ClaimantStatus(state: $0.status).label,
                submittedOn: $0.submittedAt.formatted(day)
            )
        }
        hasClaims = !rows.isEmpty
        account = AccountNav(csrfToken: csrfToken)
    }
}
