import Contracts
import Foundation
import ServiceKit
import WebUI

/// One of the office's requests as the claim's page shows it: what is asked, by when, an upload form per requested
/// document, what was sent since, and the form that sends the answer. Stored properties only.
struct InformationRequestView {
    struct Slot {
        var type: String
        var label: String
        var inputId: String
        var sent: [String]
        var isMissing: Bool
    }

    var id: String
    var requestedOn: String
    var dueOn: String
    var message: String
    var isOpen: Bool
    var answeredOn: String?
    var slots: [Slot]
    var answerAction: String
    var messageId: String

    init(_ request: InformationRequest, claim: UUID, documents: [ClaimDocument]) {
        let key = request.id.uuidString.lowercased()
        id = key
        requestedOn = request.requestedAt.formatted(ParisTime.day)
        dueOn = ParisTime.day(iso: request.dueOn)
        message = request.message
        isOpen = request.answeredAt == nil
        answeredOn = request.answeredAt?.formatted(ParisTime.dayAndTime)
        let since = documents.filter { $0.uploadedBy != nil && $0.counts && $0.uploadedAt >= request.requestedAt }
        slots = request.documentTypes.map { type in
            let sent = since.filter { $0.type == type }.map(\.fileName)
            return Slot(
                type: type,
                label: DocumentTypeNames.label(of: type),
                inputId: "complement-\(key)-\(type)",
                sent: sent,
                isMissing: sent.isEmpty
            )
        }
        answerAction = "\(ClaimDraftController.claimPath(claim))/complements/\(key)"
        messageId = "reponse-\(key)"
    }
}
