import Contracts
import Foundation
import ServiceKit

/// What a claim's submission receipt shows, taken from `ClaimSubmitted` when the claim arrives and kept only
/// until the receipt is issued.
struct ReceiptContent: Codable, Sendable, Equatable {
    var claimId: UUID
    var reference: String
    var submittedAt: Date
    /// `Mme Élodie Martin`: the person, or the legal entity's representative.
    var claimantName: String
    /// `Habitat Test SA (SIREN 443061841)` when filed for a legal entity.
    var legalEntity: String?
    /// `YYYY-MM-DD`.
    var doorBreakDate: String
    var doorAddress: String
    var claimedAmountCents: Int?
    var documents: [ClaimSubmitted.Document]

    init(_ event: ClaimSubmitted) {
        let civility = ["MME": "Mme", "M": "M."][event.claimant.civility ?? ""]
        claimId = event.claimId
        reference = event.reference
        submittedAt = event.submittedAt
        claimantName = ([civility, event.claimant.firstName, event.claimant.lastName] as [String?])
            .compactMap { $0 }.joined(separator: " ")
        legalEntity = event.legalEntity.map {
            "\($0.name) (\($0.companyNumber.count == 14 ? "SIRET" : "SIREN") \($0.companyNumber))"
        }
        doorBreakDate = event.doorBreak.date
        doorAddress = "\(event.doorBreak.streetAddress), \(event.doorBreak.postalCode) \(event.doorBreak.commune)"
        claimedAmountCents = event.claimedAmountCents
        documents = event.documents ?? []
    }
}

/// The receipt's Mustache model; stored properties only (Mustache reads them by reflection).
struct ReceiptModel {
    struct Line {
        var type: String
        var fileName: String
    }

    var reference: String
    var submittedOn: String
    var claimantName: String
    var legalEntity: String?
    var doorBreakOn: String
    var doorAddress: String
    var claimedAmount: String?
    var documents: [Line]
    var documentCount: Int
    var trackingURL: String
    var issuedOn: String

    /// `fileNames` gives each document's name as stored here (a document unknown here is listed by type only).
    init(_ content: ReceiptContent, fileNames: [UUID: String], trackingURL: String, issuedAt: Date) {
        reference = content.reference
        submittedOn = content.submittedAt.formatted(ParisTime.dayAndTime)
        claimantName = content.claimantName
        legalEntity = content.legalEntity
        doorBreakOn = ParisTime.day(iso: content.doorBreakDate)
        doorAddress = content.doorAddress
        claimedAmount = content.claimedAmountCents.map { Euros.formatted(cents: $0) }
        documents = content.documents.map {
            Line(type: DocumentTypeNames.label(of: $0.type), fileName: fileNames[$0.id] ?? "")
        }
        documentCount = documents.count
        self.trackingURL = trackingURL
        issuedOn = issuedAt.formatted(ParisTime.dayAndTime)
    }
}
