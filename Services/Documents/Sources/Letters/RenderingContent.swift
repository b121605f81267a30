import Contracts
import Foundation

/// What a requested document is made from, kept in `rendering_request.content` until it is rendered.
enum RenderingContent: Sendable, Equatable {
    case receipt(ReceiptContent)
    case letter(LetterContent)

    /// The document's type in `document.type` (and the request's `kind`).
    var documentType: String {
        switch self {
        case .receipt: "recepisse"
        case .letter(let letter): letter.kind.rawValue
        }
    }

    /// Unique among the claim's requests: one receipt, one letter per signature.
    var key: String {
        switch self {
        case .receipt: "recepisse"
        case .letter(let letter): letter.letter.seal
        }
    }

    func encoded() throws -> Data {
        switch self {
        case .receipt(let receipt): try JSONEncoder().encode(receipt)
        case .letter(let letter): try JSONEncoder().encode(letter)
        }
    }

    init(documentType: String, json: Data) throws {
        self =
            documentType == "recepisse"
            ? .receipt(try JSONDecoder().decode(ReceiptContent.self, from: json))
            : .letter(try JSONDecoder().decode(LetterContent.self, from: json))
    }
}
