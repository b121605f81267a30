import Foundation

/// Where a new investigator says they serve, the first time they sign in with ProConnect: their force (known
/// from their administration's SIRET when it is configured) and their unit.
struct Posting: Sendable, Equatable {
    var force: String
    var unitCode: String
    var unitName: String

    static let forces: [(value: String, label: String)] = [
        ("PN", "Police nationale"), ("GN", "Gendarmerie nationale"), ("PP", "Préfecture de police"),
    ]

    /// The posting typed in the form, or the problems keyed by field (`force`, `codeUnite`, `nomUnite`).
    static func parse(force: String?, unitCode: String?, unitName: String?) -> Result<Posting, PostingProblems> {
        var problems: [String: String] = [:]
        let force = (force ?? "").trimmingCharacters(in: .whitespaces)
        if !forces.contains(where: { $0.value == force }) {
            problems["force"] = "Indiquez votre force de rattachement."
        }
        let code = (unitCode ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        if code.isEmpty {
            problems["codeUnite"] = "Indiquez le code de votre unité (par exemple son code RIO, CODIS ou de brigade)."
        } else if code.count > 40 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            problems["codeUnite"] =
                "Le code d’unité ne comporte que des lettres, des chiffres et des tirets (40 au plus)."
        }
        let name = (unitName ?? "").trimmingCharacters(in: .whitespaces)
        if name.isEmpty {
            problems["nomUnite"] = "Indiquez le nom de votre unité, par exemple « Brigade de recherches de Lyon »."
        } else if name.count > 200 {
            problems["nomUnite"] = "Le nom de l’unité ne doit pas dépasser 200 caractères."
        }
        guard problems.isEmpty else { return .failure(PostingProblems(byField: problems)) }
        return .success(Posting(force: force, unitCode: code, unitName: name))
    }

    /// The force of an organisation's SIRET, from the configured SIREN prefixes (`PN=110014016,GN=…`).
    static func force(ofSIRET siret: String?, sirens: [String: String]) -> String? {
        guard let siret, siret.count >= 9 else { return nil }
        return sirens[String(siret.prefix(9))]
    }
}

/// A posting's problems, in French, keyed by form field.
struct PostingProblems: Error, Equatable {
    var byField: [String: String]
}
