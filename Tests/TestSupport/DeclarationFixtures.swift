import Contracts
import Foundation

/// Investigators' declarations as liaison publishes them.
package enum DeclarationFixtures {
    /// A gendarmerie declaration in Lyon, with the occupant's e-mail address unless `email` is nil.
    package static func submitted(
        code: String = "KX7P-M2QR",
        email: String? = "lucie.bernard@example.org",
        expires: Date = Date().addingTimeInterval(86_400),
        unit: String = "GN-BR-69"
    ) -> DeclarationSubmitted {
        DeclarationSubmitted(
            declarationId: UUID(),
            code: DeclarationCode(typed: code) ?? DeclarationCode.random(),
            codeExpiresAt: expires,
            force: "GN",
            unitCode: unit,
            operationalError: "oui",
            facts: "Porte enfoncée au bélier ; le logement visé était à l’étage au-dessus.",
            operationDate: "2026-11-17",
            address: .init(streetAddress: "12 rue Garibaldi", postalCode: "69006", commune: "Lyon"),
            procedure: .init(
                number: "2026-000123",
                investigatingService: "Brigade de recherches de Lyon",
                servicePhone: "+33478000000",
                court: "Parquet de Lyon",
                magistrate: nil
            ),
            occupant: .init(civility: "madame", lastName: "Bernard", firstName: "Lucie", email: email, phone: nil),
            occupantDetails: nil,
            submittedAt: Date()
        )
    }
}
