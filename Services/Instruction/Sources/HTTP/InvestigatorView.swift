import Contracts
import Foundation
import ServiceKit

/// The claim page's part about the investigators: their declaration (confidential procedure included, agents
/// only), the questions asked to the unit with their answers, and the form to ask one more.
struct InvestigatorView {
    struct Query {
        var askedOn: String
        var askedBy: String
        var question: String
        var dueOn: String
        var answer: String?
        var answeredBy: String
        var answeredOn: String
        var isOverdue: Bool
    }

    /// A file the unit attached, opened through a short grant.
    struct File {
        var label: String
        var href: String
    }

    var unit: String
    var facts: [ClaimFilePage.Fact]
    var files: [File]
    var hasFiles: Bool
    var queries: [Query]
    var hasQueries: Bool
    /// Where the question form posts, when this agent may ask now.
    var askAction: String?
    var defaultDue: String

    init(
        _ declaration: ClaimFile.Declaration,
        claimPath: String,
        queries: [ClaimFile.InvestigatorQuery],
        askAction: String?,
        now: Date
    ) {
        files = declaration.attachments.map {
            File(
                label: $0.type == "pv_fdo" ? "Procès-verbal d’intervention" : "Photographies des dégâts",
                href: "\(claimPath)/pieces-enqueteurs/\($0.id.uuidString.lowercased())"
            )
        }
        hasFiles = !files.isEmpty
        let forceName =
            switch declaration.force {
            case "GN": "Gendarmerie nationale"
            case "PP": "Préfecture de police"
            default: "Police nationale"
            }
        unit = "\(forceName) — unité \(declaration.unitCode)"
        let errorLabel =
            switch declaration.operationalError {
            case "oui": "Oui"
            case "non": "Non : le logement était celui visé"
            default: "Doute : à apprécier par le bureau"
            }
        facts =
            [
                .init(label: "Erreur opérationnelle", value: errorLabel),
                .init(label: "Date de l’opération", value: ParisTime.day(iso: declaration.operationDate)),
                .init(label: "Description des faits", value: declaration.facts),
                .init(label: "Numéro de procédure", value: declaration.procedureNumber),
                .init(label: "Service enquêteur (confidentiel)", value: declaration.investigatingService),
                .init(label: "Téléphone du service", value: declaration.servicePhone),
            ]
            + [("Juridiction ou parquet", declaration.court), ("Magistrat", declaration.magistrate)].compactMap {
                label,
                value in value.map { ClaimFilePage.Fact(label: label, value: $0) }
            }
        let today = ParisTime.isoDay(of: now)
        self.queries = queries.map { query in
            Query(
                askedOn: query.askedAt.formatted(ParisTime.day),
                askedBy: query.askedBy,
                question: query.question,
                dueOn: ParisTime.day(iso: query.dueOn),
                answer: query.answer,
                answeredBy: query.answeredBy ?? "",
                answeredOn: query.answeredAt?.formatted(ParisTime.day) ?? "",
                isOverdue: query.answer == nil && query.dueOn < today
            )
        }
        hasQueries = !queries.isEmpty
        self.askAction = askAction
        defaultDue = ParisTime.isoDay(
            of: now.addingTimeInterval(Double(InvestigatorQueryInput.defaultDelayDays) * 86_400)
        )
    }
}
