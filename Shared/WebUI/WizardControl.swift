/// A question of a wizard step (the `wizard-step` template): a typed answer or a choice between options.
package struct WizardControl: Sendable {
    package var field: FormField?
    package var choice: ChoiceField?

    package init(field: FormField) { self.field = field }

    package init(choice: ChoiceField) { self.choice = choice }

    /// A question as its wording asks it: a choice when the wording has options, else a typed answer.
    package init(name: String, wording: some QuestionWording, value: String, error: String?) {
        if let options = wording.options {
            choice = ChoiceField(
                name: name,
                legend: wording.label,
                hint: wording.hint,
                options: options,
                selected: value,
                error: error
            )
        } else {
            field = FormField(
                name: name,
                label: wording.label,
                type: wording.type,
                value: value,
                error: error,
                hint: wording.hint,
                autocomplete: wording.autocomplete,
                multiline: wording.multiline,
                optional: wording.optional
            )
        }
    }

    /// The error summary's entries, each linked to its question (the first option of a choice).
    package static func errorSummary(of controls: [WizardControl]) -> [FormField] {
        controls.compactMap { control in
            if let field = control.field { return field.error == nil ? nil : field }
            guard let choice = control.choice, let error = choice.error else { return nil }
            return FormField(name: choice.options.first?.id ?? choice.name, label: choice.legend, error: error)
        }
    }
}

/// How a form asks one question: its label and hint, and either the options of a choice or the kind of input.
package protocol QuestionWording {
    var label: String { get }
    var hint: String? { get }
    /// The input's `type` (`text`, `date`, `email`…).
    var type: String { get }
    var autocomplete: String? { get }
    /// A text area rather than a one-line input.
    var multiline: Bool { get }
    /// Marked "(facultatif)".
    var optional: Bool { get }
    /// The options of a radio group; nil for a typed answer.
    var options: [(value: String, label: String)]? { get }
}
