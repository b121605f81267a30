import Contracts
import Foundation

/// What a requested document is made from, kept in `rendering_request.content` until it is rendered.
enum RenderingContent: Sendable, Equatable {
    case receipt(ReceiptContent)
    case letter(LetterContent)
    /// A declaration's printable notice for the occupant, filed in a folder named after the declaration.
    case notice(NoticeContent)
    /// A claimant's data summary, in a folder named after the summary; deleted a week after it is issued.
    case dataSummary(DataSummaryRequested)

    static let noticeType = "avis_intervention"
    static let dataSummaryType = "releve_donnees"

    /// The document's type in `document.type` (and the request's `kind`).
    var documentType: String {
        switch self {
        case .receipt: "recepisse"
        case .letter(let letter): letter.kind.rawValue
        case .notice: Self.noticeType
        case .dataSummary: Self.dataSummaryType
        }
    }

    /// Unique among the claim's requests: one receipt, one letter per signature.
    var key: String {
        switch self {
        case .receipt: "recepisse"
        case .letter(let letter): letter.letter.seal
        case .notice: Self.noticeType
        case .dataSummary: Self.dataSummaryType
        }
    }

    func encoded() throws -> Data {
        switch self {
        case .receipt(let receipt): try JSONEncoder().encode(receipt)
        case .letter(let letter): try JSONEncoder().encode(letter)
        case .notice(let notice): try JSONEncoder().encode(notice)
        case .dataSummary(let summary): try ContractCoding.encoder().encode(summary)
        }
    }

    init(documentType: String, json: Data) throws {
        switch documentType {
        case "recepisse": self = .receipt(try JSONDecoder().decode(ReceiptContent.self, from: json))
        case Self.noticeType: self = .notice(try JSONDecoder().decode(NoticeContent.self, from: json))
        case Self.dataSummaryType:
            self = .dataSummary(try ContractCoding.decoder().decode(DataSummaryRequested.self, from: json))
        default: self = .letter(try JSONDecoder().decode(LetterContent.self, from: json))
        }
    }
}
