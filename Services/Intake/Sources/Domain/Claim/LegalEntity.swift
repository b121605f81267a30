/// The kinds of legal entity that file claims (domain.md §4.1), each with the documents its type calls for.
enum LegalEntityType: String, CaseIterable, Sendable {
    case insurer = "ASSUREUR"
    case propertyCompany = "SCI"
    case privateCompany = "ENTREPRISE_PRIVEE"
    case socialLandlord = "BAILLEUR_SOCIAL"
    case condominiumManager = "SYNDIC"
    case association = "ASSOCIATION"
    case localAuthority = "COLLECTIVITE"
    case publicBody = "ETABLISSEMENT_PUBLIC"

    var label: String {
        switch self {
        case .insurer: "Assureur"
        case .propertyCompany: "Société civile immobilière (SCI)"
        case .privateCompany: "Entreprise privée"
        case .socialLandlord: "Bailleur social"
        case .condominiumManager: "Syndic de copropriété"
        case .association: "Association"
        case .localAuthority: "Collectivité territoriale"
        case .publicBody: "Établissement public"
        }
    }
}

/// SIREN (9 digits) and SIRET (14 digits) numbers of the INSEE business register.
enum CompanyNumber {
    /// Digits only: people copy these numbers with spaces or dots.
    static func normalised(_ text: String) -> String {
        text.filter { !$0.isWhitespace && $0 != "." && $0 != "-" }
    }

    /// Why a SIREN or SIRET is not valid, in French; nil when valid.
    static func problem(_ number: String) -> String? {
        guard !number.isEmpty else { return "Indiquez le numéro SIREN (9 chiffres) ou SIRET (14 chiffres)." }
        guard number.allSatisfy({ $0.isASCII && $0.isNumber }), number.count == 9 || number.count == 14 else {
            return "Le numéro SIREN comporte 9 chiffres, le SIRET 14 chiffres."
        }
        guard hasValidCheckDigit(number) else {
            return "Ce numéro SIREN ou SIRET n’est pas valide : vérifiez qu’aucun chiffre n’a été mal recopié."
        }
        return nil
    }

    /// The Luhn check INSEE uses. La Poste's establishments share SIREN 356000000 and follow their own rule: the
    /// digits of the SIRET add up to a multiple of 5.
    private static func hasValidCheckDigit(_ number: String) -> Bool {
        let digits = number.compactMap(\.wholeNumberValue)
        if digits.count == 14 && number.hasPrefix("356000000") && number != "35600000000048" {
            return digits.reduce(0, +) % 5 == 0
        }
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            let weighted = position % 2 == 1 ? digit * 2 : digit
            sum += weighted > 9 ? weighted - 9 : weighted
        }
        return sum % 10 == 0
    }
}
