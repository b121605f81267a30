import Foundation

/// A rédacteur asked the unit that declared the door break a question about the claim, to be answered by a date.
package struct InvestigatorQuerySent: EventContract {
    package static let eventName = "instruction.investigator-query-sent"
    package static let version = 1

    /// The document type of the files a rédacteur joins to a question. They are uploaded to the documents service
    /// in the question's own folder (`DocumentStored.claimId` is the `queryId`), so the question's unit can read
    /// them and nothing else of the claim.
    package static let attachmentType = "piece_question_fdo"

    package var queryId: UUID
    package var claimId: UUID
    package var reference: String
    package var declarationId: UUID
    package var unitCode: String
    package var question: String
    /// `YYYY-MM-DD`.
    package var dueOn: String
    /// The rédacteur's name, for the unit to know who asks.
    package var askedBy: String
    package var askedAt: Date

    package init(
        queryId: UUID,
        claimId: UUID,
        reference: String,
        declarationId: UUID,
        unitCode: String,
        question: String,
        dueOn: String,
        askedBy: String,
        askedAt: Date
    ) {
        self.queryId = queryId
        self.claimId = claimId
        self.reference = reference
        self.declarationId = declarationId
        self.unitCode = unitCode
        self.question = question
        self.dueOn = dueOn
        self.askedBy = askedBy
        self.askedAt = askedAt
    }
}
