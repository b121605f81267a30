import Contracts
import Foundation
import ServiceKit

/// The printable notice ("avis d'intervention") of a declaration, for the occupant: what happened, where, the code
/// and its QR code to file a claim, and what the notice does not promise. The investigating service and the
/// procedure are confidential and never printed.
struct NoticeContent: Codable, Sendable, Equatable {
    var declarationId: UUID
    var code: DeclarationCode
    var codeExpiresAt: Date
    var force: String
    var operationDate: String
    var address: DeclarationSubmitted.Address

    init(_ event: DeclarationSubmitted) {
        declarationId = event.declarationId
        code = event.code
        codeExpiresAt = event.codeExpiresAt
        force = event.force
        operationDate = event.operationDate
        address = event.address
    }

    var fileName: String { "Avis \(code.display).pdf" }

    /// The folder's reference among claims' ones.
    var folderReference: String { "Déclaration \(code.display)" }
}

/// What the notice template shows.
struct NoticeModel {
    var forceName: String
    var operationDay: String
    var address: String
    var code: String
    var codeExpiresOn: String
    var attachURL: String
    /// The QR code's source for the PDF worker: `qr:` and the percent-encoded address.
    var qrSource: String

    init(_ content: NoticeContent, portalOrigin: String) {
        forceName =
            switch content.force {
            case "GN": "la gendarmerie nationale"
            case "PP": "la préfecture de police"
            default: "la police nationale"
            }
        operationDay = ParisTime.day(iso: content.operationDate)
        address = "\(content.address.streetAddress), \(content.address.postalCode) \(content.address.commune)"
        code = content.code.display
        codeExpiresOn = content.codeExpiresAt.formatted(ParisTime.day)
        attachURL = "\(portalOrigin)/rattachement?code=\(content.code.value)"
        qrSource = "qr:" + (attachURL.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }
}
