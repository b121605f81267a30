/// The claimant's relation to the dwelling whose door was broken (domain.md §3.1, Q1).
enum DwellingRelation: String, CaseIterable, Sendable {
    case ownerOccupier = "proprietaire-occupant"
    case tenant = "locataire"
    case ownerLandlord = "proprietaire-bailleur"
    case socialLandlord = "bailleur-social"

    var label: String {
        switch self {
        case .ownerOccupier: "Propriétaire occupant du logement"
        case .tenant: "Locataire du logement"
        case .ownerLandlord: "Propriétaire qui loue le logement"
        case .socialLandlord: "Bailleur social"
        }
    }

    /// Landlords answer about their tenant rather than about themselves.
    var isLandlord: Bool { self == .ownerLandlord || self == .socialLandlord }
}

/// The questions of the door-break eligibility test, in the order they are asked.
enum EligibilityQuestion: String, CaseIterable, Sendable {
    case relation = "statut"
    case targeted = "vise"
    case hosting = "heberge"
    case insurer = "assureur"
    case landlord = "bailleur"
}

/// Answers given so far; `nil` means not asked or not answered yet.
struct EligibilityAnswers: Sendable, Equatable {
    var relation: DwellingRelation?
    var targeted: Bool?
    var hosting: Bool?
    var contactedInsurer: Bool?
    var contactedLandlord: Bool?

    /// Reads `statut`, `vise`, `heberge`, `assureur`, `bailleur` (`oui`/`non`) in the order the test asks them;
    /// an answer to a question the test would not have asked (or an invalid value) is ignored.
    init(query: [String: String]) {
        while let question = nextQuestion, let value = query[question.rawValue], record(value, for: question) {}
    }

    private mutating func record(_ value: String, for question: EligibilityQuestion) -> Bool {
        if question == .relation {
            relation = DwellingRelation(rawValue: value)
            return relation != nil
        }
        guard value == "oui" || value == "non" else { return false }
        let yes = value == "oui"
        switch question {
        case .relation: break
        case .targeted: targeted = yes
        case .hosting: hosting = yes
        case .insurer: contactedInsurer = yes
        case .landlord: contactedLandlord = yes
        }
        return true
    }

    /// The next question to ask, or nil when the test is complete (progressive disclosure: an answer that
    /// settles the outcome ends the test).
    var nextQuestion: EligibilityQuestion? {
        guard let relation else { return .relation }
        guard let targeted else { return .targeted }
        if targeted { return nil }
        guard let hosting else { return .hosting }
        if hosting { return nil }
        if contactedInsurer == nil { return .insurer }
        if relation == .tenant && contactedLandlord == nil { return .landlord }
        return nil
    }

    /// The outcome once the test is complete.
    var outcome: EligibilityOutcome? {
        guard nextQuestion == nil, let relation else { return nil }
        if targeted == true { return .ineligible(.targeted) }
        if hosting == true { return .ineligible(.hostedTargetedPerson) }
        var missing: [MissingCertificate] = []
        if contactedInsurer == false { missing.append(.insurer) }
        if relation == .tenant && contactedLandlord == false { missing.append(.landlord) }
        return .eligible(missing: missing)
    }
}

extension EligibilityOutcome {
    /// Stable code recorded on the claim and sent to the back office.
    var code: String {
        switch self {
        case .eligible(let missing): missing.isEmpty ? "eligible" : "eligible-incomplete"
        case .ineligible(.targeted): "ineligible-targeted"
        case .ineligible(.hostedTargetedPerson): "ineligible-hosting"
        }
    }

    /// Filing after an ineligible outcome is allowed, and recorded as such.
    var isIneligible: Bool {
        if case .ineligible = self { return true }
        return false
    }
}

/// Why the State's no-fault liability does not apply.
enum IneligibilityReason: Sendable, Equatable {
    /// The claimant (or, for a landlord, the tenant) was the person sought.
    case targeted
    /// The person sought lives or stays in the dwelling (Civil Code art. 1735).
    case hostedTargetedPerson
}

/// A certificate the claim will need and the claimant does not have yet (a warning, not a refusal).
enum MissingCertificate: Sendable, Equatable {
    case insurer
    case landlord
}

/// The result of the test, advisory: an ineligible person may still file, and that choice is recorded.
enum EligibilityOutcome: Sendable, Equatable {
    case eligible(missing: [MissingCertificate])
    case ineligible(IneligibilityReason)
}
