import Foundation
import WebUI

/// The documents step: the claim's checklist, what was sent for each type, and a form per type that posts the
/// file to the documents service with the page's grant.
struct ClaimDocumentsPage {
    struct Upload {
        var fileName: String
        var size: String
        var status: String
        var withdrawAction: String
    }

    struct Slot {
        var type: String
        var label: String
        var isRequired: Bool
        var isMissing: Bool
        var inputId: String
        var uploads: [Upload]
    }

    let site = "Mon Indemnisation Justice"
    let homePath = "/"
    let title = ClaimStep.documents.title
    var stepNumber = ClaimStep.documents.number
    var stepCount = ClaimStep.allCases.count
    var backHref: String
    var reviewHref: String
    var uploadAction: String
    var grant: String
    var csrfToken: String
    var slots: [Slot]
    var notice: String?
    var noticeIsError: Bool
    var account: AccountNav

    init(
        claimId: UUID,
        form: ClaimForm,
        documents: [ClaimDocument],
        uploads: DocumentTransfers,
        grant: String,
        outcome: String?,
        csrfToken: String
    ) {
        let base = ClaimDraftController.claimPath(claimId)
        backHref = "\(base)/\(ClaimStep.bank.rawValue)"
        reviewHref = "\(base)/\(ClaimDraftController.reviewStep)"
        uploadAction = uploads.uploadAction
        self.grant = grant
        self.csrfToken = csrfToken
        account = AccountNav(csrfToken: csrfToken)
        let notice = UploadNotice.notice(for: outcome)
        self.notice = notice?.text
        noticeIsError = notice?.isError ?? false
        let missing = documents.missing(from: form.requiredDocuments)
        let types = form.requiredDocuments.map { ($0, true) } + form.optionalDocuments.map { ($0, false) }
        slots = types.map { type, required in
            Slot(
                type: type.rawValue,
                label: type.label,
                isRequired: required,
                isMissing: missing.contains(type),
                inputId: "fichier-\(type.rawValue)",
                uploads: documents.filter { $0.type == type.rawValue && !$0.isWithdrawn }.map {
                    Upload(
                        fileName: $0.fileName,
                        size: Self.size($0.size),
                        status: Self.status($0.scanStatus),
                        withdrawAction: "\(base)/retrait/\($0.id.uuidString.lowercased())"
                    )
                }
            )
        }
    }

    /// `850 Ko`, `1,2 Mo`.
    private static func size(_ bytes: Int) -> String {
        if bytes < 1_000_000 { return "\(max(1, (bytes + 500) / 1000)) Ko" }
        let megabytes = (Double(bytes) / 1_000_000).formatted(
            .number.precision(.fractionLength(1)).locale(Locale(identifier: "fr_FR"))
        )
        return "\(megabytes) Mo"
    }

    private static func status(_ scanStatus: String) -> String {
        switch scanStatus {
        case "clean": "Reçu"
        case "scan_pending": "Reçu, analyse antivirus en attente"
        default: "Refusé : contenu malveillant détecté"
        }
    }
}
