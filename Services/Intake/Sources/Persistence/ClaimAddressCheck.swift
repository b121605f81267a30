import Foundation
import ReferenceData

/// The claim's two addresses, the claimant's and the dwelling's, checked against La Poste's postal codes: a commune
/// recognised is written as the reference names it (`lyon` → `Lyon`, or filled in when the postal code serves only
/// one), a postal code that does not exist or a commune it does not serve is a problem next to its field. Without
/// reference data loaded nothing is checked.
struct ClaimAddressCheck: Sendable {
    typealias Verdict = (commune: String?, problem: (field: CommuneCheck.Field, message: String)?)

    /// What the reference data says of a postal code and a commune typed together (`Places.verify`).
    let verify: @Sendable (_ postalCode: String, _ commune: String) async throws -> Verdict

    init(places: Places) {
        verify = { try await places.verify(postalCode: $0, commune: $1) }
    }

    init(verify: @escaping @Sendable (_ postalCode: String, _ commune: String) async throws -> Verdict) {
        self.verify = verify
    }

    /// Checks nothing: for unit tests without a database.
    static let unchecked = ClaimAddressCheck { _, _ in (nil, nil) }

    private static let pairs: [(postalCode: ClaimField, commune: ClaimField)] = [
        (.residencePostalCode, .residenceCommune), (.postalCode, .commune),
    ]

    /// Checks the addresses among `fields` (a step's, or every field), writing the recognised communes into `form`;
    /// the problems by field.
    func check(_ form: inout ClaimForm, fields: [ClaimField] = ClaimField.allCases) async throws -> [ClaimField: String]
    {
        var problems: [ClaimField: String] = [:]
        for pair in Self.pairs where fields.contains(pair.postalCode) && fields.contains(pair.commune) {
            let verdict = try await verify(form[pair.postalCode], form[pair.commune])
            if let commune = verdict.commune { form[pair.commune] = commune }
            if let problem = verdict.problem {
                problems[problem.field == .postalCode ? pair.postalCode : pair.commune] = problem.message
            }
        }
        return problems
    }

    /// The address problems of a whole claim, by step, for its review page and its submission.
    func problemsByStep(_ form: ClaimForm) async throws -> [ClaimStep: [ClaimField: String]] {
        var copy = form
        let problems = try await check(&copy)
        var byStep: [ClaimStep: [ClaimField: String]] = [:]
        for (field, message) in problems {
            guard let step = ClaimStep.allCases.first(where: { $0.fields(for: form.kind).contains(field) }) else {
                continue
            }
            byStep[step, default: [:]][field] = message
        }
        return byStep
    }
}
