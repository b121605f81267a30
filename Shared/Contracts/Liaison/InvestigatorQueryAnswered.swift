import Foundation

/// The unit answered a rédacteur's question: the answer joins the claim.
package struct InvestigatorQueryAnswered: EventContract {
    package static let eventName = "liaison.investigator-query-answered"
    package static let version = 1

    package var queryId: UUID
    package var claimId: UUID
    package var reference: String
    package var answer: String
    /// The investigator's name.
    package var answeredBy: String
    package var answeredAt: Date

    package init(queryId: UUID, claimId: UUID, reference: String, answer: String, answeredBy: String, answeredAt: Date)
    {
        self.queryId = queryId
        self.claimId = claimId
        self.reference = reference
        self.answer = answer
        self.answeredBy = answeredBy
        self.answeredAt = answeredAt
    }
}
