import Foundation

/// A claimant asked for a readable summary of the data kept about them (GDPR art. 15): the documents service
/// renders it to PDF in a folder of its own (the summary's id) and announces it (`DataSummaryRendered`).
package struct DataSummaryRequested: EventContract {
    package static let eventName = "intake.data-summary-requested"
    package static let version = 1

    package var summaryId: UUID
    package var accountId: UUID
    package var requestedAt: Date
    package var summary: PersonalDataSummary

    package init(summaryId: UUID, accountId: UUID, requestedAt: Date, summary: PersonalDataSummary) {
        self.summaryId = summaryId
        self.accountId = accountId
        self.requestedAt = requestedAt
        self.summary = summary
    }
}

/// What the summary says, already worded for the claimant (French labels and values).
package struct PersonalDataSummary: Codable, Sendable, Equatable {
    /// One labelled value.
    package struct Line: Codable, Sendable, Equatable {
        package var label: String
        package var value: String

        package init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    /// One claim or draft.
    package struct Claim: Codable, Sendable, Equatable {
        /// `BRI-…`, or the draft's wording.
        package var title: String
        package var lines: [Line]
        package var documents: [String]
        /// Dated events, oldest first.
        package var history: [Line]

        package init(title: String, lines: [Line], documents: [String], history: [Line]) {
            self.title = title
            self.lines = lines
            self.documents = documents
            self.history = history
        }
    }

    package var account: [Line]
    package var claims: [Claim]

    package init(account: [Line], claims: [Claim]) {
        self.account = account
        self.claims = claims
    }
}
