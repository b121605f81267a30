import Foundation

/// What a new password must be (NIST SP 800-63B, as ANSSI recommends for a single factor): long enough,
/// any characters, no composition rules, and not guessable from the account itself.
enum PasswordPolicy {
    static let minimumLength = 12
    static let maximumLength = 128

    /// The French message explaining why the password is refused, or nil when it is acceptable.
    static func problem(_ password: String, email: String) -> String? {
        if password.count < minimumLength {
            return
                "Choisissez un mot de passe d’au moins \(minimumLength) caractères ; une phrase de plusieurs mots convient très bien."
        }
        if password.count > maximumLength { return "Le mot de passe ne peut dépasser \(maximumLength) caractères." }
        let lowered = password.lowercased()
        let localPart = email.lowercased().split(separator: "@").first.map(String.init) ?? ""
        if lowered == email.lowercased() || (localPart.count >= 4 && lowered.contains(localPart)) {
            return "Le mot de passe ne doit pas reprendre votre adresse électronique."
        }
        if Set(password).count < 4 { return "Ce mot de passe est trop facile à deviner : variez les caractères." }
        if isCommon(password) {
            return "Ce mot de passe fait partie des plus utilisés : choisissez une phrase à vous, de plusieurs mots."
        }
        return nil
    }

    /// Whether the password is one of those tried first: once accents, case, digits and symbols are set aside,
    /// nothing but common words and keyboard or alphabet runs (`Motdepasse2024!`, `Azerty123456`, `soleil soleil`).
    static func isCommon(_ password: String) -> Bool {
        let folded = password.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let letters = String(folded.filter { $0.isASCII && $0.isLetter })
        let digits = String(folded.filter(\.isNumber))
        if letters.isEmpty { return isRun(digits) || Set(digits).count <= 2 }
        return madeOfCommonWords(letters[...]) || isRun(letters)
    }

    /// Written for this service from what leaked-password studies list first in France, plus the service's own
    /// vocabulary; anything made only of these (repeated or joined) is refused.
    static let commonWords: Set<String> = [
        "motdepasse", "mdp", "password", "pass", "passe", "azerty", "qwerty", "soleil", "bonjour", "salut", "coucou",
        "doudou", "chouchou", "loulou", "jetaime", "iloveyou", "love", "amour", "bebe", "princesse", "football",
        "marseille", "paris", "france", "nicolas", "camille", "thomas", "julien", "admin", "administrateur",
        "welcome", "bienvenue", "secret", "test", "user", "utilisateur", "justice", "indemnisation", "mon",
        "police", "gendarmerie", "porte", "abc",
    ]

    private static func madeOfCommonWords(_ text: Substring) -> Bool {
        if text.isEmpty { return true }
        return commonWords.contains { word in text.hasPrefix(word) && madeOfCommonWords(text.dropFirst(word.count)) }
    }

    /// A run along the alphabet, the digits or a French or English keyboard row, six characters or more.
    private static func isRun(_ text: String) -> Bool {
        let runs = [
            "abcdefghijklmnopqrstuvwxyz", "01234567890123456789", "98765432109876543210", "azertyuiopqsdfghjklmwxcvbn",
            "qwertyuiopasdfghjklzxcvbnm",
        ]
        return text.count >= 6 && runs.contains { $0.contains(text) }
    }

    /// The problems of a new password and its confirmation, keyed by field (`password`, `passwordConfirmation`);
    /// the confirmation is only compared once the password itself is acceptable.
    static func problems(password: String, confirmation: String?, email: String) -> [String: String] {
        if let problem = problem(password, email: email) { return ["password": problem] }
        if password != confirmation {
            return ["passwordConfirmation": "Les deux mots de passe saisis ne sont pas identiques."]
        }
        return [:]
    }
}
