/// Bank details for the payment, structured and checked when entered (no free-text RIB to retype later).
struct BankDetails: Sendable, Equatable {
    /// Normalised: upper case, no spaces.
    var iban: String
    /// Normalised: upper case, no spaces; 8 or 11 characters.
    var bic: String
    var holder: String

    /// The last four characters, the only part ever shown back or kept in clear.
    var ibanSuffix: String { String(iban.suffix(4)) }

    /// Length of the IBAN of SEPA countries (ISO 13616 registry), keyed by country code.
    static let ibanLengths: [String: Int] = [
        "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20, "ES": 24,
        "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21,
        "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24,
        "SI": 19, "SK": 24, "SM": 27, "VA": 22,
    ]

    /// Upper case without spaces, as people copy IBANs from statements.
    static func normalised(_ text: String) -> String {
        text.uppercased().filter { !$0.isWhitespace }
    }

    /// Why an IBAN is not valid, in French for the person typing it; nil when valid.
    static func ibanProblem(_ iban: String) -> String? {
        guard !iban.isEmpty else { return "Indiquez l’IBAN du compte qui recevra l’indemnisation." }
        guard iban.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return "L’IBAN ne peut contenir que des lettres et des chiffres."
        }
        guard let length = ibanLengths[String(iban.prefix(2))] else {
            return "L’IBAN doit être celui d’un compte de la zone SEPA (il commence par FR pour un compte en France)."
        }
        guard iban.count == length else {
            return "Un IBAN \(iban.prefix(2)) comporte \(length) caractères : vérifiez-le."
        }
        guard mod97(iban) == 1 else {
            return "Cet IBAN n’est pas valide : vérifiez qu’aucun caractère n’a été mal recopié."
        }
        return nil
    }

    /// Why a BIC is not valid, in French; nil when valid.
    static func bicProblem(_ bic: String) -> String? {
        guard !bic.isEmpty else { return "Indiquez le BIC de la banque (8 ou 11 caractères)." }
        let characters = Array(bic)
        guard characters.count == 8 || characters.count == 11,
            characters[0..<6].allSatisfy({ $0.isASCII && $0.isLetter }),
            characters[6...].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else {
            return
                "Le BIC comporte 8 ou 11 caractères : 4 lettres pour la banque, 2 pour le pays, puis des lettres ou chiffres."
        }
        return nil
    }

    // ISO 7064 MOD 97-10 on the IBAN with its first four characters moved to the end, letters as 10…35.
    private static func mod97(_ iban: String) -> Int {
        let rearranged = iban.dropFirst(4) + iban.prefix(4)
        var remainder = 0
        for character in rearranged {
            let value = character.isNumber ? Int(String(character))! : Int(character.asciiValue! - 55)
            remainder = (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97
        }
        return remainder
    }
}
