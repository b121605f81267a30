import Testing

@testable import Intake

struct PasswordPolicyTests {
    @Test(arguments: [
        "Motdepasse2024!", "AZERTY123456", "soleil soleil soleil", "Jetaime-Loulou-1", "123456789012",
        "azertyuiopqsdf", "Mon Indemnisation Justice", "0123456789012",
    ])
    func passwordsTriedFirstAreRefused(password: String) {
        #expect(PasswordPolicy.isCommon(password), "\(password)")
        #expect(PasswordPolicy.problem(password, email: "a@example.org")?.contains("plus utilisés") == true)
    }

    @Test(arguments: [
        "une phrase de passe assez longue", "Le chat de Zoé dort 3 fois", "correct cheval pile agrafe",
        "K7#pq9!wLm2x",
    ])
    func personalPassphrasesPass(password: String) {
        #expect(!PasswordPolicy.isCommon(password), "\(password)")
        #expect(PasswordPolicy.problem(password, email: "elodie@example.org") == nil)
    }

    @Test func theOtherRulesComeFirst() {
        #expect(PasswordPolicy.problem("azerty", email: "a@example.org")?.contains("au moins 12") == true)
        #expect(
            PasswordPolicy.problem("elodie.martin2024", email: "elodie.martin@example.org")?.contains("adresse") == true
        )
    }
}
