import Contracts
import Foundation
import ServiceKit
import WebUI

/// The claim page's part about the investigators: their declaration (confidential procedure included, agents
/// only), the questions asked to the unit with their files and answers, and the form to ask one more.
struct InvestigatorView {
    /// Where a question's files are uploaded (straight to the documents service) and the grant that allows it.
    struct Upload {
        var action: String
        var grant: String
        var notice: String?
        var noticeIsError: Bool
    }

    /// A file joined to a question: opened through a short grant once the antivirus passed it.
    struct QueryFile {
        var fileName: String
        var href: String?
    }

    struct Query {
        var id: String
        var askedOn: String
        var askedBy: String
        var question: String
        var dueOn: String
        var answer: String?
        var answeredBy: String
        var answeredOn: String
        var isOverdue: Bool
        var files: [QueryFile]
        var hasFiles: Bool
        /// While the question waits for its answer, the assigned rédacteur may join files to it.
        var upload: Upload?
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
        upload: QueryUploads?,
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
            let id = query.id.uuidString.lowercased()
            let files = query.attachments.map {
                QueryFile(
                    fileName: $0.fileName,
                    href: $0.scanStatus == "clean"
                        ? "\(claimPath)/questions/\(id)/pieces/\($0.documentId.uuidString.lowercased())" : nil
                )
            }
            return Query(
                id: id,
                askedOn: query.askedAt.formatted(ParisTime.day),
                askedBy: query.askedBy,
                question: query.question,
                dueOn: ParisTime.day(iso: query.dueOn),
                answer: query.answer,
                answeredBy: query.answeredBy ?? "",
                answeredOn: query.answeredAt?.formatted(ParisTime.day) ?? "",
                isOverdue: query.answer == nil && query.dueOn < today,
                files: files,
                hasFiles: !files.isEmpty,
                upload: query.answer == nil ? upload?.form(query.id) : nil
            )
        }
        hasQueries = !queries.isEmpty
        self.askAction = askAction
        defaultDue = ParisTime.isoDay(
            of: now.addingTimeInterval(Double(InvestigatorQueryInput.defaultDelayDays) * 86_400)
        )
    }
}

/// The upload forms of the questions a rédacteur may still complete: a grant per question, and the outcome of the
/// upload just made (`?question=…&depot=…`) shown under its question.
struct QueryUploads {
    let action: String
    let grant: (_ query: UUID) -> String?
    /// The question the browser comes back from, and what documents said of the file.
    let returning: (query: String, outcome: String)?

    func form(_ query: UUID) -> InvestigatorView.Upload? {
        guard let token = grant(query) else { return nil }
        let id = query.uuidString.lowercased()
        let notice = returning?.query == id ? UploadNotice.notice(for: returning?.outcome) : nil
        return InvestigatorView.Upload(
            action: action,
            grant: token,
            notice: notice?.text,
            noticeIsError: notice?.isError ?? false
        )
    }
}
