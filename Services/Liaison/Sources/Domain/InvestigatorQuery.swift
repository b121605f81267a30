import Foundation

/// A rédacteur's question to the unit about a claim its declaration started, and the unit's answer.
struct InvestigatorQuery: Sendable, Equatable {
    var id: UUID
    var declarationId: UUID
    var claimReference: String
    var question: String
    /// `YYYY-MM-DD`.
    var dueOn: String
    var askedBy: String
    var askedAt: Date
    var answer: String?
    var answeredBy: String?
    var answeredAt: Date?
    /// Files the rédacteur joined to the question, infected ones left out.
    var attachments: [QueryAttachment] = []

    static let longestAnswer = 4000

    /// The problem with a typed answer, in French; nil when it can be sent.
    static func problem(ofAnswer text: String) -> String? {
        if text.isEmpty { return "Écrivez la réponse avant de l’envoyer." }
        if text.count > longestAnswer {
            return "La réponse ne doit pas dépasser 4 000 caractères (elle en compte \(text.count))."
        }
        return nil
    }
}

/// A file a rédacteur joined to a question, kept in the question's folder at the documents service.
struct QueryAttachment: Sendable, Equatable {
    var documentId: UUID
    var fileName: String
    /// `clean` or `scan_pending` (not readable yet).
    var scanStatus: String
}
