import Contracts
import Foundation
import ReferenceData
import ServiceKit
import WebUI

/// View model of one claim's page for agents: the file, and the forms of the actions this agent may take now.
/// Stored properties only.
struct ClaimFilePage {
    struct Fact {
        var label: String
        var value: String
    }

    struct Document {
        var label: String
        var downloadHref: String
        var status: String
        var reviewAction: String?
        var fieldPrefix: String
    }

    struct Line {
        var date: String
        var text: String
    }

    struct Request {
        var requestedOn: String
        var dueOn: String
        var documents: String
        var message: String
        var status: String
    }

    struct Checkbox {
        var value: String
        var label: String
        var id: String
    }

    struct OtherClaim {
        var href: String
        var reference: String
        var state: String
        var submittedOn: String
    }

    let site = AgentPages.site
    let homePath = AgentPages.home
    var title: String
    var account: AccountNav
    var csrfToken: String
    var reference: String
    var stateLabel: String
    var isOverdue: Bool
    var stateSince: String
    var assignee: String
    var alert: String?
    var done: String?
    var claimant: [Fact]
    var facts: [Fact]
    var legalEntity: [Fact]
    var hasLegalEntity: Bool
    var documents: [Document]
    var hasDocuments: Bool
    var history: [Line]
    var notes: [Line]
    var hasNotes: Bool
    var requests: [Request]
    var hasRequests: Bool
    var investigators: InvestigatorView?
    /// Without a declaration: whom the rédacteur may ask.
    var competentUnits: CompetentUnitsView?
    var otherClaims: [OtherClaim]
    var hasOtherClaims: Bool
    var problems: [String: String]
    var hasProblems: Bool
    // The forms this agent may use now (nil: hidden).
    var assignAction: String?
    var redacteurOptions: [SelectOption]
    var startAction: String?
    var requestAction: String?
    var requestDocumentOptions: [Checkbox]
    var requestDefaultDue: String
    var closeAction: String?
    var closeReasons: [SelectOption]
    var noteAction: String?
    var decision: DecisionView?
    var draftOfferAction: String?
    var offerRows: [OfferRow]
    var draftRejectionAction: String?
    var rejectionReasons: [SelectOption]
    var signAction: String?
    var returnAction: String?
    var decisionBody: String
    var payment: PaymentView?
    var verifyAction: String?
    var signOrderAction: String?
    var transmitAction: String?
    var paidAction: String?
    var today: String
    var hasActions: Bool

    struct OfferRow {
        var number: Int
        var defaultLabel: String
    }

    init(
        file: ClaimFile,
        agent: Agent,
        csrfToken: String,
        redacteurs: [Agent],
        now: Date,
        problems: [String: String] = [:],
        alert: String? = nil,
        done: String? = nil,
        queryUploads: QueryUploads? = nil
    ) {
        let base = "\(AgentPages.home)/\(file.id.uuidString.lowercased())"
        title = "Dossier \(file.reference)"
        account = AgentPages.nav(csrfToken: csrfToken)
        self.csrfToken = csrfToken
        reference = file.reference
        stateLabel = file.state.agentLabel
        isOverdue = file.state.isOverdue(enteredAt: file.stateEnteredAt, now: now)
        stateSince = file.stateEnteredAt.formatted(ParisTime.dayAndTime)
        assignee = file.assigneeName ?? "Non attribué"
        self.alert = alert
        self.done = done
        self.problems = problems
        hasProblems = !problems.isEmpty
        let snapshot = file.snapshot
        claimant = Self.claimantFacts(snapshot)
        facts = Self.doorBreakFacts(snapshot, submittedAt: file.submittedAt)
        legalEntity =
            snapshot?.legalEntity.map {
                [
                    Fact(label: "Raison sociale", value: $0.name), Fact(label: "Type", value: $0.type),
                    Fact(label: "SIREN ou SIRET", value: $0.companyNumber),
                    Fact(label: "Qualité du représentant", value: $0.representativeRole),
                ]
            } ?? []
        hasLegalEntity = !legalEntity.isEmpty
        let may = { (action: ClaimAction) in
            (try? ClaimLifecycle.outcome(of: action, on: file.lifecycleFacts, by: agent).get()) != nil
        }
        // Where the action's form posts, when this agent may take it now.
        let form = { (action: ClaimAction) in action.formSegment.flatMap { may(action) ? "\(base)/\($0)" : nil } }
        documents = file.documents.map { document in
            let key = document.id.uuidString.lowercased()
            let status: String =
                switch document.verdict {
                case nil: "À examiner"
                case .accepted?: "Acceptée" + (document.reviewer.map { " par \($0)" } ?? "")
                case .rejected?: "Refusée : \(document.reason ?? "")" + (document.reviewer.map { " (\($0))" } ?? "")
                }
            return Document(
                label: DocumentTypeNames.label(of: document.type),
                downloadHref: "\(base)/pieces/\(key)",
                status: status,
                reviewAction: may(.reviewDocument) ? "\(base)/pieces/\(key)" : nil,
                fieldPrefix: "piece-\(key)"
            )
        }
        hasDocuments = !documents.isEmpty
        history = file.history.map { entry in
            let action: String =
                switch (entry.agentName, entry.action) {
                case (let agent?, _): "\(ClaimAction(rawValue: entry.action)?.label ?? entry.action) — \(agent)"
                case (nil, "answered"): "Complément envoyé par le requérant"
                case (nil, "undelivered:email"):
                    "Courriel au requérant refusé par sa messagerie : le joindre autrement (téléphone, courrier)"
                case (nil, "undelivered:sms"): "SMS au requérant non remis : le joindre autrement"
                case (nil, _) where entry.toState == .toAssign: "Demande déposée par le requérant"
                case (nil, _): "État : \(entry.toState?.agentLabel ?? "")"
                }
            return Line(date: entry.at.formatted(ParisTime.dayAndTime), text: action)
        }
        notes = file.notes.map { Line(date: $0.at.formatted(ParisTime.dayAndTime), text: "\($0.author) : \($0.body)") }
        hasNotes = !notes.isEmpty
        requests = file.informationRequests.map { request in
            let answer = request.answerMessage.map { " : « \($0) »" } ?? ""
            return Request(
                requestedOn: request.requestedAt.formatted(ParisTime.day),
                dueOn: ParisTime.day(iso: request.dueOn),
                documents: request.documentTypes.map(DocumentTypeNames.label(of:)).joined(separator: " ; "),
                message: request.message,
                status: request.answeredAt.map { "Répondu le \($0.formatted(ParisTime.day))\(answer)" }
                    ?? "En attente de réponse"
            )
        }
        hasRequests = !requests.isEmpty
        competentUnits = file.competentUnits.map(CompetentUnitsView.init)
        investigators = file.declaration.map {
            InvestigatorView(
                $0,
                claimPath: base,
                queries: file.investigatorQueries,
                askAction: form(.askInvestigator),
                // Who may ask the unit may join files to the questions it has not answered yet.
                upload: form(.askInvestigator) == nil ? nil : queryUploads,
                now: now
            )
        }
        otherClaims = file.otherClaims.map {
            OtherClaim(
                href: "\(AgentPages.home)/\($0.id.uuidString.lowercased())",
                reference: $0.reference,
                state: $0.state.agentLabel,
                submittedOn: $0.submittedAt.formatted(AgentPages.shortDay)
            )
        }
        hasOtherClaims = !otherClaims.isEmpty
        assignAction = form(.assign)
        redacteurOptions = redacteurs.filter { $0.id != file.assigneeId }.map {
            SelectOption(value: $0.id.uuidString, label: $0.displayName, selected: false)
        }
        startAction = form(.startInstruction)
        requestAction = form(.requestInformation)
        requestDocumentOptions = DocumentTypeNames.labels.filter { $0.key != "recepisse" }.sorted {
            $0.value < $1.value
        }
        .map { Checkbox(value: $0.key, label: $0.value, id: "complement-\($0.key)") }
        let due = now.addingTimeInterval(Double(InformationRequestInput.defaultDelayDays) * 86_400)
        requestDefaultDue = ParisTime.isoDay(of: due)
        closeAction = form(.close)
        closeReasons = ClosureInput.Reason.allCases.map {
            SelectOption(value: $0.rawValue, label: $0.label, selected: false)
        }
        noteAction = form(.addNote)
        decision = file.decision.map { DecisionView($0, claimPath: base) }
        draftOfferAction = form(.draftOffer)
        offerRows = [
            OfferRow(number: 1, defaultLabel: "Remise en état de la porte à l’identique"),
            OfferRow(number: 2, defaultLabel: ""),
            OfferRow(number: 3, defaultLabel: ""),
        ]
        draftRejectionAction = form(.draftRejection)
        rejectionReasons = RejectionReason.allCases.map {
            SelectOption(value: $0.rawValue, label: $0.label, selected: false)
        }
        signAction = form(.signDecision)
        returnAction = form(.returnToInstruction)
        decisionBody = file.decision?.body ?? ""
        payment = file.paymentOrder.map {
            PaymentView($0, showsBankDetails: agent.handlesPayments, claimPath: base)
        }
        verifyAction = form(.verifyAcceptance)
        signOrderAction = form(.signPaymentOrder)
        transmitAction = form(.transmitToPayment)
        paidAction = form(.markPaid)
        today = ParisTime.isoDay(of: now)
        hasActions =
            assignAction != nil || startAction != nil || requestAction != nil || closeAction != nil
            || draftOfferAction != nil || signAction != nil || verifyAction != nil || signOrderAction != nil
            || transmitAction != nil || paidAction != nil
    }
}

/// The claim page's list of the units that may have operated, when no declaration is attached.
struct CompetentUnitsView {
    var intro: String
    var units: [String]

    init(_ competent: CompetentUnits) {
        let force =
            switch competent.force {
            case "GN": "de gendarmerie"
            case "PN": "de police"
            case "PP": "de la préfecture de police"
            default: "de police et de gendarmerie"
            }
        intro =
            "Aucune déclaration des enquêteurs n’est rattachée à cette demande. Unités \(force) du département "
            + "\(competent.departmentName), celles de la commune du logement d’abord :"
        units = competent.units.map { "\($0.name) — \($0.postalCode) \($0.commune) (code \($0.code))" }
    }
}
