import Foundation
import WebUI

/// One step of the declaration wizard, for the shared `wizard-step` template.
struct DeclarationStepPage {
    let site = LiaisonPages.site
    let homePath = LiaisonPages.home
    var title: String
    var stepNumber: Int
    var stepCount = DeclarationStep.allCases.count
    var nextTitle: String
    var action: String
    var backHref: String
    var csrfToken: String
    var controls: [WizardControl]
    var errorSummary: [FormField]
    var hasErrors: Bool
    var account: AccountNav

    init(
        declarationId: UUID,
        step: DeclarationStep,
        form: DeclarationForm,
        problems: [DeclarationField: String],
        csrfToken: String
    ) {
        title = step.title
        stepNumber = step.number
        nextTitle = step.next?.title ?? "Récapitulatif et transmission"
        action = LiaisonPages.stepPath(declarationId, step)
        backHref = step.previous.map { LiaisonPages.stepPath(declarationId, $0) } ?? LiaisonPages.home
        self.csrfToken = csrfToken
        account = LiaisonPages.nav(csrfToken: csrfToken)
        controls = Self.controls(step.fields(knowingOccupant: true), form: form, problems: problems)
        errorSummary = WizardControl.errorSummary(of: controls)
        hasErrors = !errorSummary.isEmpty
    }

    /// The questions of `fields` as the templates render them, with the typed answers and their problems.
    static func controls(
        _ fields: [DeclarationField],
        form: DeclarationForm,
        problems: [DeclarationField: String]
    ) -> [WizardControl] {
        fields.map { field in
            WizardControl(
                name: field.rawValue,
                wording: DeclarationWording(field),
                value: form[field],
                error: problems[field]
            )
        }
    }
}
