import Contracts
import Crypto
import Foundation
import Persistence
import ServiceKit

/// The wording of decision letters: the default body a rédacteur starts from, and the seal of the text a validator
/// signs.
enum DecisionLetters {
    /// Days the claimant has to answer an offer.
    static let answerDays = 30

    static func offerSubject(_ reference: String) -> String { "Proposition d’indemnisation — demande \(reference)" }

    static func rejectionSubject(_ reference: String) -> String { "Décision sur votre demande \(reference)" }

    /// The default body of an offer.
    static func offerBody(facts: ClaimSubmitted?, totalCents: Int) -> String {
        [
            salutation(facts),
            "Vous avez saisi le ministère de la Justice d’une demande d’indemnisation \(occurrence(facts)).",
            "Après examen, le ministère vous propose, à titre amiable, la somme de \(Euros.formatted(cents: totalCents)) "
                + "(\(AmountInWords.french(cents: totalCents))) en réparation de votre préjudice, correspondant à la "
                + "remise en état de la porte à l’identique.",
            "Vous pouvez accepter ou refuser cette proposition depuis votre espace, dans un délai de \(answerDays) jours. "
                + "Son acceptation vaut renonciation à toute autre action contre l’État pour les mêmes faits.",
            "Si vous la refusez, vous pouvez indiquer le montant que vous estimez juste ; vous conservez la possibilité de "
                + "saisir le tribunal judiciaire contre l’Agent judiciaire de l’État.",
        ].joined(separator: "\n\n")
    }

    /// The default body of a rejection for `reason`.
    static func rejectionBody(facts: ClaimSubmitted?, reason: RejectionReason) -> String {
        var paragraphs = [
            salutation(facts),
            "Vous avez saisi le ministère de la Justice d’une demande d’indemnisation \(occurrence(facts)).",
            reason.ground,
            "La responsabilité de l’État pour fonctionnement défectueux du service public de la justice (article L.141-1 "
                + "du code de l’organisation judiciaire) n’est pas engagée.",
        ]
        if reason != .targeted {
            paragraphs.append(
                "Les conditions d’une responsabilité sans faute de l’État pour rupture d’égalité devant les charges "
                    + "publiques ne sont pas réunies."
            )
        }
        paragraphs.append(
            "Votre demande est en conséquence rejetée. Vous pouvez contester cette décision devant le tribunal judiciaire, "
                + "en assignant l’Agent judiciaire de l’État."
        )
        return paragraphs.joined(separator: "\n\n")
    }

    /// The body as paragraphs (separated by blank lines).
    static func paragraphs(_ body: String) -> [String] {
        body.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// Hex SHA-256 over the letter's canonical form: reference, subject, paragraphs, amount, signer and instant.
    static func seal(
        reference: String,
        subject: String,
        paragraphs: [String],
        amountCents: Int?,
        signer: UUID,
        at date: Date
    )
        -> String
    {
        let canonical =
            ([reference, subject] + paragraphs + [
                amountCents.map(String.init) ?? "-", signer.uuidString.lowercased(), date.formatted(.iso8601),
            ]).joined(separator: "\u{1E}")
        return SHA256.hash(data: Data(canonical.utf8)).hex
    }

    private static func salutation(_ facts: ClaimSubmitted?) -> String {
        switch facts?.claimant.civility {
        case "MME": "Madame,"
        case "M": "Monsieur,"
        default: "Madame, Monsieur,"
        }
    }

    private static func occurrence(_ facts: ClaimSubmitted?) -> String {
        guard let door = facts?.doorBreak else { return "à la suite d’un bris de porte" }
        let force: String =
            switch door.force {
            case "GN": "la gendarmerie nationale"
            case "PN", "PP": "la police nationale"
            default: "les forces de l’ordre"
            }
        return "à la suite du bris de la porte de votre logement situé \(door.streetAddress), \(door.postalCode) "
            + "\(door.commune), par \(force) le \(ParisTime.day(iso: door.date))"
    }
}
