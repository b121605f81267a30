import ReferenceData
import WebUI

/// The form a new ProConnect investigator fills once: their force (fixed when the SIRET told it) and unit, chosen
/// from the directory of units by department, or typed when it is not there.
struct PostingPage {
    /// The directory's units of the department asked for, to pick one.
    struct Directory {
        struct Option {
            var code: String
            var label: String
        }

        var title: String
        var units: [Option]
        var hasUnits: Bool
    }

    let site = LiaisonPages.site
    let homePath = LiaisonPages.home
    let title = "Votre affectation"
    var greeting: String
    var forceKnown: String?
    var action = InvestigatorProConnectController.postingPath
    var csrfToken: String
    var controls: [WizardControl]
    var errorSummary: [FormField]
    var hasErrors: Bool
    /// The department typed to search the directory.
    var department: String
    var departmentProblem: String?
    var directory: Directory?

    init(
        _ enrolment: InvestigatorDirectory.Enrolment,
        csrfToken: String,
        typed: (force: String, code: String, name: String) = ("", "", ""),
        problems: [String: String] = [:],
        department: String = "",
        departmentProblem: String? = nil,
        directory: Directory? = nil
    ) {
        self.department = department
        self.departmentProblem = departmentProblem
        self.directory = directory
        greeting = "Bienvenue \(enrolment.displayName)"
        forceKnown = enrolment.force.flatMap { force in Posting.forces.first { $0.value == force }?.label }
        self.csrfToken = csrfToken
        var controls: [WizardControl] = []
        if enrolment.force == nil {
            controls.append(
                WizardControl(
                    choice: ChoiceField(
                        name: "force",
                        legend: "Votre force de rattachement",
                        options: Posting.forces,
                        selected: typed.force,
                        error: problems["force"]
                    )
                )
            )
        }
        controls.append(
            WizardControl(
                field: FormField(
                    name: "codeUnite",
                    label: "Code de votre unité",
                    value: typed.code,
                    error: problems["codeUnite"],
                    hint: "Le code de votre service ou de votre brigade, par exemple GN-BR-69-LYON"
                )
            )
        )
        controls.append(
            WizardControl(
                field: FormField(
                    name: "nomUnite",
                    label: "Nom de votre unité",
                    value: typed.name,
                    error: problems["nomUnite"],
                    hint: "Par exemple « Brigade de recherches de Lyon » ou « Commissariat de Paris 11e »"
                )
            )
        )
        self.controls = controls
        errorSummary = WizardControl.errorSummary(of: controls)
        hasErrors = !errorSummary.isEmpty
    }
}

extension PostingPage.Directory {
    init(departmentName: String, units: [ReferenceUnit]) {
        title = "Unités de l’annuaire : \(departmentName)"
        self.units = units.map { Option(code: $0.code, label: "\($0.name) — \($0.commune) (\($0.postalCode))") }
        hasUnits = !units.isEmpty
    }
}
