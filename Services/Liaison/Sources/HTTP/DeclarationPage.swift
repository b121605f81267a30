import Contracts
import Foundation
import ServiceKit
import WebUI

/// A declaration of the unit: before submission every answer with what is still missing, the submit and delete
/// buttons; after, the code to give the occupant and the answers as sent.
struct DeclarationPage {
    struct Section {
        var title: String
        var rows: [Row]
        /// The step's page, while the declaration is a draft.
        var editHref: String?
        var incomplete: Bool
    }

    struct Row {
        var label: String
        var value: String
    }

    /// A rédacteur's question, with its files, and its answer or the form to answer it.
    struct Query {
        /// A file joined to the question; readable once the antivirus passed it.
        struct File {
            var fileName: String
            var href: String?
        }

        var id: String
        var reference: String
        var askedOn: String
        var askedBy: String
        var question: String
        var dueOn: String
        var answer: String?
        var answeredBy: String
        var answeredOn: String
        var answerAction: String
        var typed: String
        var problem: String?
        var files: [File]
        var hasFiles: Bool
    }

    /// The form that adds or corrects the occupant's contact and invites them again, until they attach it.
    struct Contact {
        var action: String
        var controls: [WizardControl]
        var errorSummary: [FormField]
        var hasErrors: Bool
        var invited: Bool
    }

    /// The files attached through the documents service, and the upload form (after submission too: a file added
    /// then reaches the claim, to answer a rédacteur's question).
    struct Attachments {
        struct File {
            var label: String
            var fileName: String
            var href: String?
            var status: String
        }

        struct Upload {
            var action: String
            var grant: String
            var types: [(value: String, label: String)]
        }

        var files: [File]
        var hasFiles: Bool
        var upload: Upload
        var notice: String?
        var noticeIsError: Bool

        init(
            _ attachments: [Attachment],
            declaration: Declaration,
            upload: (action: String, grant: String),
            outcome: String?
        ) {
            let path = LiaisonPages.declarationPath(declaration.id)
            files = attachments.map { file in
                File(
                    label: file.kind.label,
                    fileName: file.fileName,
                    href: file.scanStatus == "clean"
                        ? "\(path)/pieces/\(file.documentId.uuidString.lowercased())" : nil,
                    status: file.scanStatus == "clean" ? "" : "analyse antivirus en attente"
                )
            }
            hasFiles = !files.isEmpty
            self.upload = Upload(
                action: upload.action,
                grant: upload.grant,
                types: Attachment.Kind.allCases.map { ($0.rawValue, $0.label) }
            )
            let notice = UploadNotice.notice(for: outcome)
            self.notice = notice?.text
            noticeIsError = notice?.isError ?? false
        }
    }

    /// The occupant's code, once submitted.
    struct Code {
        var display: String
        var expiresOn: String
        /// The printable notice's download, once documents filed it.
        var noticeHref: String?
    }

    let site = LiaisonPages.site
    let homePath = LiaisonPages.home
    var title: String
    var declaredBy: String
    var stateLabel: String
    var isDraft: Bool
    var complete: Bool
    var sections: [Section]
    var code: Code?
    var submitAction: String
    var deleteAction: String
    var csrfToken: String
    var account: AccountNav
    /// A problem announced above the recap (a submission refused).
    var alert: String?
    var queries: [Query]
    var hasQueries: Bool
    var contact: Contact?
    var attachments: Attachments?
    /// What became of the claim the declaration started: `Demande déposée (BRI-…) — Indemnisation versée le …`.
    var follow: String?

    /// A typed answer refused, kept with its problem.
    struct RefusedAnswer {
        var queryId: UUID
        var text: String
        var problem: String
    }

    init(
        _ declaration: Declaration,
        queries: [InvestigatorQuery] = [],
        today: Date,
        csrfToken: String,
        alert: String? = nil,
        refused: RefusedAnswer? = nil,
        contactForm: DeclarationForm? = nil,
        contactProblems: [DeclarationField: String] = [:],
        invited: Bool = false
    ) {
        let path = LiaisonPages.declarationPath(declaration.id)
        isDraft = declaration.state == .draft
        title =
            declaration.code.map { "Déclaration \($0.display)" }
            ?? "Récapitulatif de la déclaration"
        declaredBy = declaration.declaredBy
        stateLabel = declaration.state.label
        code = declaration.code.map {
            Code(
                display: $0.display,
                expiresOn: declaration.codeExpiresAt?.formatted(ParisTime.day) ?? "",
                noticeHref: declaration.hasNotice ? "\(path)/avis" : nil
            )
        }
        let form = declaration.form
        let isDraft = isDraft
        sections = DeclarationStep.allCases.map { step in
            let problems = isDraft ? form.problems(in: step, today: today) : [:]
            return Section(
                title: step.title,
                rows: step.fields(knowingOccupant: form.knowsOccupant).map { field in
                    Row(label: DeclarationWording(field).label, value: Self.shown(field, in: form))
                },
                editHref: isDraft ? LiaisonPages.stepPath(declaration.id, step) : nil,
                incomplete: !problems.isEmpty
            )
        }
        complete = sections.allSatisfy { !$0.incomplete }
        submitAction = "\(path)/transmission"
        deleteAction = "\(path)/suppression"
        self.csrfToken = csrfToken
        account = LiaisonPages.nav(csrfToken: csrfToken)
        self.alert = alert
        self.queries = queries.map { query in
            let refusal = refused?.queryId == query.id ? refused : nil
            let files = query.attachments.map {
                Query.File(
                    fileName: $0.fileName,
                    href: $0.scanStatus == "clean" ? LiaisonPages.queryFilePath(query.id, $0.documentId) : nil
                )
            }
            return Query(
                id: query.id.uuidString.lowercased(),
                reference: query.claimReference,
                askedOn: query.askedAt.formatted(ParisTime.day),
                askedBy: query.askedBy,
                question: query.question,
                dueOn: ParisTime.day(iso: query.dueOn),
                answer: query.answer,
                answeredBy: query.answeredBy ?? "",
                answeredOn: query.answeredAt?.formatted(ParisTime.day) ?? "",
                answerAction: LiaisonPages.queryPath(query.id),
                typed: refusal?.text ?? "",
                problem: refusal?.problem,
                files: files,
                hasFiles: !files.isEmpty
            )
        }
        hasQueries = !queries.isEmpty
        follow = declaration.claimOutcome.map { outcome in
            let reference = declaration.claimReference.map { "Dossier \($0) : " } ?? ""
            let day = declaration.claimOutcomeAt.map { " le \($0.formatted(ParisTime.day))" } ?? ""
            return "\(reference)\(outcome.label)\(day)."
        }
        if declaration.state == .submitted {
            let controls = DeclarationStepPage.controls(
                Self.contactFields,
                form: contactForm ?? declaration.form,
                problems: contactProblems
            )
            let summary = WizardControl.errorSummary(of: controls)
            contact = Contact(
                action: "\(path)/coordonnees",
                controls: controls,
                errorSummary: summary,
                hasErrors: !summary.isEmpty,
                invited: invited
            )
        }
    }

    static let contactFields: [DeclarationField] = [
        .occupantCivility, .occupantLastName, .occupantFirstName, .occupantEmail, .occupantPhone,
    ]

    /// An answer as a reader expects it: the option's label, a date in words, "Non renseigné" when empty.
    private static func shown(_ field: DeclarationField, in form: DeclarationForm) -> String {
        let value = form[field]
        guard !value.isEmpty else { return "Non renseigné" }
        if let options = DeclarationWording(field).options, let option = options.first(where: { $0.value == value }) {
            return option.label
        }
        return field == .operationDate ? ParisTime.day(iso: value) : value
    }
}
