/// A question of a wizard step (the `wizard-step` template): a typed answer or a choice between options.
package struct WizardControl: Sendable {
    package var field: FormField?
    package var choice: ChoiceField?

    package init(field: FormField) { self.field = field }

    package init(choice: ChoiceField) { self.choice = choice }

    /// The error summary's entries, each linked to its question (the first option of a choice).
    package static func errorSummary(of controls: [WizardControl]) -> [FormField] {
        controls.compactMap { control in
            if let field = control.field { return field.error == nil ? nil : field }
            guard let choice = control.choice, let error = choice.error else { return nil }
            return FormField(name: choice.options.first?.id ?? choice.name, label: choice.legend, error: error)
        }
    }
}
