import Foundation

/// A signed decision letter as instruction issues it: the text the validator signed, who signed and when, and the
/// seal (hex SHA-256 of the canonical text, signer and time) also written to instruction's audit log, so any copy
/// can be checked against the record.
package struct DecisionLetter: Codable, Sendable, Equatable {
    package var subject: String
    package var paragraphs: [String]
    package var signerName: String
    package var signedAt: Date
    package var seal: String

    package init(subject: String, paragraphs: [String], signerName: String, signedAt: Date, seal: String) {
        self.subject = subject
        self.paragraphs = paragraphs
        self.signerName = signerName
        self.signedAt = signedAt
        self.seal = seal
    }
}

/// One line of an offer's amount (e.g. the door's replacement, the locksmith's call-out).
package struct AmountLine: Codable, Sendable, Equatable {
    package var label: String
    package var amountCents: Int

    package init(label: String, amountCents: Int) {
        self.label = label
        self.amountCents = amountCents
    }
}
