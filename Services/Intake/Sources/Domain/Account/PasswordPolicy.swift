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
        return nil
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
