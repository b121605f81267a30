import Contracts
import Foundation
import ServiceKit

/// The data summary's Mustache model; stored properties only.
struct DataSummaryModel {
    struct Claim {
        var title: String
        var lines: [PersonalDataSummary.Line]
        var documents: [String]
        var hasDocuments: Bool
        var history: [PersonalDataSummary.Line]
        var hasHistory: Bool
    }

    var issuedOn: String
    var account: [PersonalDataSummary.Line]
    var claims: [Claim]
    var hasClaims: Bool

    init(_ request: DataSummaryRequested, issuedAt: Date) {
        issuedOn = issuedAt.formatted(ParisTime.day)
        account = request.summary.account
        claims = request.summary.claims.map {
            Claim(
                title: $0.title,
                lines: $0.lines,
                documents: $0.documents,
                hasDocuments: !$0.documents.isEmpty,
                history: $0.history,
                hasHistory: !$0.history.isEmpty
            )
        }
        hasClaims = !claims.isEmpty
    }

    static func fileName(_ issuedAt: Date) -> String {
        "Relevé de mes données \(ParisTime.isoDay(of: issuedAt)).pdf"
    }
}
