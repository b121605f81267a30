import Contracts
import Foundation
import ServiceKit
import WebUI

/// The unit's declarations with their filters, and the button that starts a new one.
struct DeclarationListPage {
    struct Line {
        var href: String
        var label: String
        var stateLabel: String
        var operationDay: String
        var place: String
        var declaredBy: String
        var updatedOn: String
        /// What became of the claim, or of the invitation.
        var follow: String
    }

    struct StateOption {
        var value: String
        var label: String
        var selected: Bool
    }

    /// A question waiting for the unit's answer.
    struct Waiting {
        var href: String
        var reference: String
        var dueOn: String
        var isOverdue: Bool
    }

    let site = LiaisonPages.site
    let homePath = LiaisonPages.home
    let title = "Mes déclarations"
    var unitLabel: String
    var lines: [Line]
    var isEmpty: Bool
    var states: [StateOption]
    var text: String
    var from: String
    var to: String
    var filtered: Bool
    var waiting: [Waiting]
    var hasWaiting: Bool
    var startAction = "/fdo/declarations"
    var csrfToken: String
    var account: AccountNav

    init(
        _ lines: [DeclarationList.Line],
        filter: DeclarationList.Filter,
        waiting: [InvestigatorQuery],
        investigator: Investigator,
        today: String,
        csrfToken: String
    ) {
        self.waiting = waiting.map {
            Waiting(
                href: LiaisonPages.declarationPath($0.declarationId),
                reference: $0.claimReference,
                dueOn: ParisTime.day(iso: $0.dueOn),
                isOverdue: $0.dueOn < today
            )
        }
        hasWaiting = !waiting.isEmpty
        unitLabel = investigator.unitLabel
        self.lines = lines.map { line in
            Line(
                href: LiaisonPages.declarationPath(line.id),
                label: line.code.map { "Déclaration \($0.display)" } ?? "Brouillon",
                stateLabel: line.state.label,
                operationDay: line.operationDate.isEmpty ? "—" : ParisTime.day(iso: line.operationDate),
                place: line.place.isEmpty ? "—" : line.place,
                declaredBy: line.declaredBy,
                updatedOn: line.updatedAt.formatted(ParisTime.day),
                follow: line.claimOutcome?.label ?? (line.state == .submitted ? "Invitation en attente" : "—")
            )
        }
        isEmpty = lines.isEmpty
        states =
            [StateOption(value: "", label: "Tous les états", selected: filter.state == nil)]
            + [Declaration.State.draft, .submitted, .linked].map {
                StateOption(value: $0.rawValue, label: $0.label, selected: filter.state == $0)
            }
        text = filter.text
        from = filter.from ?? ""
        to = filter.to ?? ""
        filtered = filter != DeclarationList.Filter()
        self.csrfToken = csrfToken
        account = LiaisonPages.nav(csrfToken: csrfToken)
    }
}

extension DeclarationList.Filter {
    /// The filters of the list page's query string; malformed values are ignored.
    init(query: [String: String]) {
        state = query["etat"].flatMap(Declaration.State.init(rawValue:))
        text = String((query["recherche"] ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        from = query["du"].flatMap(Self.day)
        to = query["au"].flatMap(Self.day)
    }

    private static func day(_ text: String) -> String? {
        (try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day())) == nil ? nil : text
    }
}
