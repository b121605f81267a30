import Contracts
import Foundation
import WebUI

extension ClaimForm {
    /// The snapshot downstream services start from, built from a complete form and the documents sent with it.
    /// Bank details stay in intake.
    func submittedEvent(id: UUID, reference: String, at date: Date, documents: [ClaimDocument] = []) -> ClaimSubmitted {
        let isEntity = kind == .legalEntity
        func optional(_ field: ClaimField) -> String? { self[field].isEmpty ? nil : self[field] }
        return ClaimSubmitted(
            claimId: id,
            reference: reference,
            submittedAt: date,
            claimant: .init(
                firstName: self[.firstName],
                lastName: self[.lastName],
                email: self[.email],
                civility: optional(.civility),
                birthName: isEntity ? nil : optional(.birthName),
                birthDate: isEntity ? nil : optional(.birthDate),
                birthPlace: isEntity ? nil : optional(.birthPlace),
                phone: PhoneNumber.e164(self[.phone]),
                address: optional(.residenceStreetAddress).map {
                    .init(streetAddress: $0, postalCode: self[.residencePostalCode], commune: self[.residenceCommune])
                }
            ),
            doorBreak: .init(
                date: self[.doorBreakDate],
                streetAddress: self[.streetAddress],
                postalCode: self[.postalCode],
                commune: self[.commune],
                force: operatingForce,
                armouredDoor: self[.armouredDoor] == "oui",
                description: optional(.description)
            ),
            eligibility: eligibility.contract,
            legalEntity: isEntity
                ? entityType.map {
                    .init(
                        type: $0.rawValue,
                        name: self[.companyName],
                        companyNumber: CompanyNumber.normalised(self[.companyNumber]),
                        representativeRole: self[.representativeRole]
                    )
                } : nil,
            capacity: capacity.map { .init(code: $0.rawValue, detail: $0 == .other ? optional(.capacityDetail) : nil) },
            claimedAmountCents: claimedAmountCents,
            documents: documents.isEmpty ? nil : documents.map { .init(id: $0.id, type: $0.type) },
            declarationId: declarationId
        )
    }
}

extension EligibilityAnswers {
    /// The completed test as the contract carries it; nil when the test was skipped or left unfinished.
    fileprivate var contract: ClaimSubmitted.Eligibility? {
        guard let relation, let outcome else { return nil }
        return .init(
            dwellingRelation: relation.rawValue,
            outcome: outcome.code,
            filedAgainstAdvice: outcome.isIneligible
        )
    }
}
