import Contracts
import Foundation
import ServiceKit
import WebUI

/// Before the first step: what the claim asks for, and the button that starts (or resumes) the draft.
struct ClaimStartPage {
    let title = "Déclarer un bris de porte"
    let site = "Mon Indemnisation Justice"
    let homePath = "/"
    var csrfToken: String
    /// The eligibility answers carried to the draft, as hidden fields.
    var eligibilityFields: [EligibilityPage.Hidden]
    var filedAgainstAdvice: Bool
    var hasDraft: Bool
    var steps: [String] = ClaimStep.allCases.map(\.title)
    var stepCount = ClaimStep.allCases.count
    var account: AccountNav

    init(eligibility: EligibilityAnswers, hasDraft: Bool, csrfToken: String) {
        self.csrfToken = csrfToken
        self.hasDraft = hasDraft
        account = AccountNav(csrfToken: csrfToken)
        eligibilityFields = eligibility.fields.map { EligibilityPage.Hidden(name: $0.name, value: $0.value) }
        filedAgainstAdvice = eligibility.outcome?.isIneligible == true
    }
}

/// One step of the draft: its questions with the answers saved so far and the server's messages.
struct ClaimStepPage {
    let site = "Mon Indemnisation Justice"
    let homePath = "/"
    var title: String
    var stepNumber: Int
    var stepCount = ClaimStep.allCases.count
    var nextTitle: String?
    var action: String
    var backHref: String
    var csrfToken: String
    var controls: [WizardControl]
    var errorSummary: [FormField]
    var hasErrors: Bool
    var account: AccountNav

    init(claimId: UUID, step: ClaimStep, form: ClaimForm, problems: [ClaimField: String], csrfToken: String) {
        title = step.title
        stepNumber = step.number
        nextTitle = step.next?.title ?? "Récapitulatif"
        action = "/demandes/\(claimId.uuidString.lowercased())/\(step.rawValue)"
        backHref = step.previous.map { "/demandes/\(claimId.uuidString.lowercased())/\($0.rawValue)" } ?? "/mon-espace"
        self.csrfToken = csrfToken
        account = AccountNav(csrfToken: csrfToken)
        controls = step.fields(for: form.kind).map { field in
            WizardControl(
                name: field.rawValue,
                wording: ClaimFieldWording(field, kind: form.kind),
                value: form[field],
                error: problems[field]
            )
        }
        errorSummary = WizardControl.errorSummary(of: controls)
        hasErrors = !errorSummary.isEmpty
    }
}

/// Every answer before submission, step by step, with what is still missing and a link to each step.
struct ClaimReviewPage {
    struct Row {
        var label: String
        var value: String
    }

    struct Section {
        var title: String
        var editHref: String
        var rows: [Row]
        var problems: [Row]
        var isComplete: Bool
    }

    let title = "Récapitulatif de votre demande"
    let site = "Mon Indemnisation Justice"
    let homePath = "/"
    var sections: [Section]
    var isComplete: Bool
    var filedAgainstAdvice: Bool
    var action: String
    var csrfToken: String
    var account: AccountNav

    init(
        claimId: UUID,
        form: ClaimForm,
        problems: [ClaimStep: [ClaimField: String]],
        documents: [ClaimDocument],
        missingDocuments: [DocumentType],
        csrfToken: String
    ) {
        let base = "/demandes/\(claimId.uuidString.lowercased())"
        action = "\(base)/depot"
        self.csrfToken = csrfToken
        account = AccountNav(csrfToken: csrfToken)
        filedAgainstAdvice = form.eligibility.outcome?.isIneligible == true
        isComplete = problems.isEmpty && missingDocuments.isEmpty
        sections = ClaimStep.allCases.map { step in
            if step == .documents {
                return Self.documentsSection(editHref: "\(base)/\(step.rawValue)", documents, missing: missingDocuments)
            }
            let fields = step.fields(for: form.kind)
            let stepProblems = problems[step] ?? [:]
            return Section(
                title: step.title,
                editHref: "\(base)/\(step.rawValue)",
                rows: fields.compactMap { field in
                    let value = Self.display(field, of: form)
                    return value.isEmpty
                        ? nil : Row(label: ClaimFieldWording(field, kind: form.kind).label, value: value)
                },
                problems: ClaimField.allCases.compactMap { field in
                    stepProblems[field].map { Row(label: ClaimFieldWording(field, kind: form.kind).label, value: $0) }
                },
                isComplete: stepProblems.isEmpty
            )
        }
    }

    /// The documents sent, by type, and the required types still missing.
    private static func documentsSection(editHref: String, _ documents: [ClaimDocument], missing: [DocumentType])
        -> Section
    {
        let sent = documents.filter(\.counts)
        let rows = DocumentType.allCases.compactMap { type -> Row? in
            let names = sent.filter { $0.type == type.rawValue }.map(\.fileName)
            return names.isEmpty ? nil : Row(label: type.label, value: names.joined(separator: ", "))
        }
        return Section(
            title: ClaimStep.documents.title,
            editHref: editHref,
            rows: rows,
            problems: missing.map { Row(label: $0.label, value: "pièce à fournir") },
            isComplete: missing.isEmpty
        )
    }

    /// The answer as the claimant reads it back: option labels, amounts in euros, the IBAN masked but its end.
    private static func display(_ field: ClaimField, of form: ClaimForm) -> String {
        let value = form[field]
        guard !value.isEmpty else { return "" }
        switch field {
        case .iban: return "•••• \(form.bankDetails.ibanSuffix)"
        case .claimedAmount: return form.claimedAmountCents.map { Euros.formatted(cents: $0) } ?? value
        case .doorBreakDate, .birthDate:
            return form.day(field).map { $0.formatted(ParisTime.day) } ?? value
        default: return ClaimFieldWording(field, kind: form.kind).display(value)
        }
    }
}

/// A submitted claim as its owner sees it: status, what happens next, the dated events of its life, its documents.
struct ClaimPage {
    struct Event {
        var date: String
        var label: String
    }

    struct Document {
        var type: String
        var fileName: String
        /// Where to download it; nil while it cannot be read (antivirus scan pending).
        var href: String?
        var size: String
    }

    let site = "Mon Indemnisation Justice"
    let homePath = "/"
    var title: String
    var reference: String
    var status: String
    var nextStep: String
    var submittedOn: String
    var ibanSuffix: String
    var claimedAmount: String?
    var events: [Event]
    /// What the office issued for the claim (the receipt, later letters).
    var issued: [Document]
    /// What the claimant sent.
    var sent: [Document]
    var account: AccountNav
    var csrfToken: String
    /// The office's requests for documents or information, open ones first.
    var requests: [InformationRequestView]
    var uploadAction: String
    /// The grant the upload forms of open requests carry.
    var grant: String
    var notice: String?
    var noticeIsError: Bool
    /// Why the claim was closed, in the agent's words.
    var closureExplanation: String?
    var decision: DecisionSection?

    init(
        claim: StoredClaim,
        timeline: [TimelineEntry],
        documents: [ClaimDocument],
        requests: [InformationRequest] = [],
        decision: ClaimDecision? = nil,
        uploads: (action: String, grant: String) = ("", ""),
        notice: (isError: Bool, text: String)? = nil,
        csrfToken: String
    ) {
        reference = claim.reference ?? ""
        title = "Demande \(reference)"
        let status = ClaimantStatus(state: claim.status)
        self.status = status.label
        nextStep = status.nextStep
        submittedOn = claim.submittedAt?.formatted(ParisTime.dayAndTime) ?? ""
        ibanSuffix = claim.form.bankDetails.ibanSuffix
        claimedAmount = claim.form.claimedAmountCents.map { Euros.formatted(cents: $0) }
        events = timeline.map { Event(date: $0.occurredAt.formatted(ParisTime.dayAndTime), label: Self.label($0.kind)) }
        func row(_ document: ClaimDocument) -> Document {
            Document(
                type: DocumentTypeNames.label(of: document.type),
                fileName: document.fileName,
                href: document.isDownloadable
                    ? ClaimController.downloadPath(claim: claim.id, document: document.id) : nil,
                size: document.size.formatted(.byteCount(style: .file).locale(Locale(identifier: "fr_FR")))
            )
        }
        let shown = documents.filter(\.counts)
        issued = shown.filter { $0.uploadedBy == nil }.map(row)
        sent = shown.filter { $0.uploadedBy != nil }.map(row)
        account = AccountNav(csrfToken: csrfToken)
        self.csrfToken = csrfToken
        self.requests = requests.sorted { ($0.answeredAt == nil ? 0 : 1) < ($1.answeredAt == nil ? 0 : 1) }
            .map { InformationRequestView($0, claim: claim.id, documents: documents) }
        uploadAction = uploads.action
        grant = uploads.grant
        self.notice = notice?.text
        noticeIsError = notice?.isError ?? false
        closureExplanation = claim.closureExplanation
        self.decision = decision.map {
            DecisionSection($0, claim: claim.id, ibanSuffix: claim.form.bankDetails.ibanSuffix)
        }
    }

    /// How an event reads in the claim's history.
    static func label(_ kind: String) -> String {
        switch kind {
        case "submitted": "Demande déposée"
        case "receipt-issued": "Récépissé de dépôt disponible"
        case "instruction-started": "Examen de votre demande commencé par un agent"
        case "information-requested": "Le bureau vous demande un complément"
        case "information-answered": "Votre réponse a été envoyée au bureau"
        case "closed": "Demande clôturée"
        case "offer-sent": "Proposition d’indemnisation reçue"
        case "offer-accepted": "Vous avez accepté la proposition"
        case "offer-refused": "Vous avez refusé la proposition"
        case "rejected": "Décision de rejet reçue"
        case "payment-transmitted": "Paiement transmis au bureau du budget : le virement est en cours"
        case "paid": "Indemnisation versée"
        case "notification:claim-acknowledgement": "Accusé de réception envoyé par courriel"
        case "notification-failed:email":
            "Un courriel n’a pas pu vous être remis : votre messagerie l’a refusé. Vérifiez l’adresse électronique de votre compte ; les nouvelles de votre demande restent affichées ici."
        case "notification-failed:sms":
            "Un SMS n’a pas pu vous être remis : vérifiez le numéro de téléphone donné ; les nouvelles de votre demande restent affichées ici."
        case let rejected where rejected.hasPrefix("document-rejected:"):
            "Fichier refusé : \(rejectionReasons[String(rejected.dropFirst("document-rejected:".count))] ?? "il n’a pas pu être accepté")"
        default: kind.hasPrefix("notification:") ? "Message envoyé par courriel" : "Événement enregistré"
        }
    }

    /// Why the documents service refused a file (`DocumentRejected.reason`), as the history says it.
    private static let rejectionReasons = [
        "infected": "l’analyse antivirus y a détecté un contenu malveillant",
        "format": "ce n’est ni un PDF ni une image JPEG, PNG ou WebP",
        "content": "ce PDF contient du code ou des fichiers joints",
        "size": "il dépasse 10 Mo",
        "count": "le nombre maximal de fichiers était atteint",
    ]
}

/// "Mes demandes": the claimant's claims with the status they are shown; a draft links back to its form.
struct MyClaimsPage {
    struct Row {
        var reference: String
        var href: String
        var status: String
        var date: String
        var isDraft: Bool
    }

    let title = "Mes demandes"
    let site = "Mon Indemnisation Justice"
    let homePath = "/"
    var rows: [Row]
    var hasClaims: Bool
    /// The account's draft, resumed where it was left.
    var draftHref: String?
    var account: AccountNav

    init(claims: [ClaimSummary], csrfToken: String) {
        rows = claims.map {
            let isDraft = $0.status == ClaimState.draft
            return Row(
                reference: $0.reference ?? "Demande en cours de saisie",
                href: "/demandes/\($0.id.uuidString.lowercased())",
                status: ClaimantStatus(state: $0.status).label,
                date: isDraft
                    ? "Commencée le \($0.createdAt.formatted(ParisTime.day))"
                    : "Déposée le \(($0.submittedAt ?? $0.createdAt).formatted(ParisTime.day))",
                isDraft: isDraft
            )
        }
        hasClaims = !rows.isEmpty
        draftHref = rows.first(where: \.isDraft)?.href
        account = AccountNav(csrfToken: csrfToken)
    }
}
