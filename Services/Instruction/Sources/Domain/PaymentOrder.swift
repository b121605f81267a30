import Foundation
import ServiceKit

/// The payment order (arrêté de paiement, domain.md §5.2) drafted from structured data: the amount accepted, the
/// claimant's confirmed bank details, the dates of the offer and of its acceptance, and the finance law of the year
/// of signature — no placeholder left for anyone to fill by hand.
struct PaymentOrder: Sendable, Equatable {
    /// Bank details as the claimant confirmed them.
    struct BankDetails: Codable, Sendable, Equatable {
        var holder: String
        var iban: String
        var bic: String

        /// `FR76 3000 …` in groups of four, as people read it.
        var groupedIBAN: String {
            stride(from: 0, to: iban.count, by: 4).map { start in
                let from = iban.index(iban.startIndex, offsetBy: start)
                return String(iban[from..<(iban.index(from, offsetBy: 4, limitedBy: iban.endIndex) ?? iban.endIndex)])
            }.joined(separator: " ")
        }
    }

    var reference: String
    var amountCents: Int
    var bank: BankDetails
    var offeredAt: Date
    var acceptedAt: Date
    var year: Int

    /// The order's articles, one paragraph each.
    var paragraphs: [String] {
        let amount = "\(Euros.formatted(cents: amountCents)) (\(AmountInWords.french(cents: amountCents)))"
        return [
            "Vu la loi de finances pour \(year) ;",
            "Vu la demande d’indemnisation \(reference) ;",
            "Vu la proposition d’indemnisation du ministère de la Justice du \(offeredAt.formatted(ParisTime.day)), "
                + "acceptée par le requérant le \(acceptedAt.formatted(ParisTime.day)) ;",
            "Considérant que le bris de porte résulte d’une opération de police judiciaire et que le préjudice du "
                + "requérant, tiers à la procédure, engage la responsabilité sans faute de l’État pour rupture d’égalité "
                + "devant les charges publiques ;",
            "Article 1 — Une somme de \(amount) est allouée au requérant en réparation de son préjudice.",
            "Article 2 — Cette somme sera versée par virement au compte de \(bank.holder), IBAN \(bank.groupedIBAN), "
                + "BIC \(bank.bic).",
            "Article 3 — La dépense est imputée sur le programme 166 « Justice judiciaire », titre 2, domaine "
                + "fonctionnel 0166-06-01.",
        ]
    }
}
