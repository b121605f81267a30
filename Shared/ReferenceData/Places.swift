import Foundation
import Logging
import PostgresNIO

/// A commune a postal code serves.
package struct PostalCommune: Sendable, Equatable {
    package var inseeCode: String
    /// The name an address carries (`Lyon` for 69006).
    package var name: String
    /// Empty when INSEE's file does not know the commune (La Poste's may be more recent).
    package var departmentCode: String
    /// Every name it goes by (INSEE's, La Poste's, the routing label), folded.
    var foldedNames: Set<String>
}

/// The reference data a portal reads, in its own schema: which communes a postal code serves.
package struct Places: Sendable {
    let client: PostgresClient
    let logger: Logger

    package init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// The communes of a postal code, by name; empty for a code La Poste does not know, nil when no postal code is
    /// loaded at all (then nothing can be checked).
    package func communes(postalCode: String) async throws -> [PostalCommune]? {
        let rows = try await client.query(
            """
            SELECT p.insee_code, coalesce(c.address_name, initcap(p.poste_name)), coalesce(c.department_code, ''),
                   coalesce(c.name, ''), p.poste_name, p.routing_label
            FROM ref_postal_code p LEFT JOIN ref_commune c ON c.insee_code = p.insee_code
            WHERE p.postal_code = \(postalCode)
            ORDER BY 2
            """,
            logger: logger
        )
        var communes: [PostalCommune] = []
        for try await (code, name, department, official, poste, label) in rows.decode(
            (String, String, String, String, String, String).self
        ) {
            communes.append(
                PostalCommune(
                    inseeCode: code,
                    name: name,
                    departmentCode: department,
                    foldedNames: Set([name, official, poste, label].filter { !$0.isEmpty }.map(PlaceNames.folded))
                )
            )
        }
        if communes.isEmpty {
            let loaded = try await client.query("SELECT 1 FROM ref_postal_code LIMIT 1", logger: logger)
            for try await _ in loaded { return [] }
            return nil
        }
        return communes
    }

    /// Whether the commune typed is one the postal code serves (both as typed, the postal code well formed).
    package func check(postalCode: String, commune: String) async throws -> CommuneCheck {
        guard let candidates = try await communes(postalCode: postalCode) else { return .unverifiable }
        return CommuneCheck(postalCode: postalCode, typed: commune, candidates: candidates)
    }
}

/// What the reference data says of a postal code and a commune typed together.
package enum CommuneCheck: Sendable, Equatable {
    /// The commune is one the postal code serves (or the only one, when none was typed): keep its name as written.
    case recognised(PostalCommune)
    case unknownPostalCode(String)
    /// The commune typed, or none, is not one of the postal code's.
    case notServed(postalCode: String, typed: String, candidates: [PostalCommune])
    /// No postal code is loaded: nothing was checked.
    case unverifiable

    init(postalCode: String, typed: String, candidates: [PostalCommune]) {
        let folded = PlaceNames.folded(typed)
        if candidates.isEmpty {
            self = .unknownPostalCode(postalCode)
        } else if folded.isEmpty, candidates.count == 1 {
            self = .recognised(candidates[0])
        } else if let match = candidates.first(where: { $0.foldedNames.contains(folded) }) {
            self = .recognised(match)
        } else {
            self = .notServed(postalCode: postalCode, typed: typed, candidates: candidates)
        }
    }

    /// The field a problem is about.
    package enum Field: Sendable {
        case postalCode
        case commune
    }

    /// The problem to show next to its field, in French; nil when there is none.
    package var problem: (field: Field, message: String)? {
        switch self {
        case .recognised, .unverifiable: return nil
        case .unknownPostalCode(let code):
            return (.postalCode, "Le code postal \(code) n’existe pas : vérifiez-le.")
        case .notServed(let code, let typed, let candidates):
            let names = Self.list(candidates.map(\.name))
            if typed.trimmingCharacters(in: .whitespaces).isEmpty {
                return (.commune, "Indiquez la commune. Le code postal \(code) dessert : \(names).")
            }
            return (
                .commune,
                "La commune « \(typed) » ne correspond pas au code postal \(code), qui dessert : \(names). "
                    + "Vérifiez la commune ou le code postal."
            )
        }
    }

    /// `A`, `A ou B`, `A, B ou C`; the first twelve names, then `…`.
    private static func list(_ names: [String]) -> String {
        let unique = names.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let shown = Array(unique.prefix(12))
        let text =
            shown.count == 1 ? shown[0] : shown.dropLast().joined(separator: ", ") + " ou " + shown.last!
        return unique.count > shown.count ? text + "…" : text
    }
}

extension Places {
    /// One address's postal code and commune as typed, checked: `commune` is the name to keep when the reference
    /// recognises it, `problem` what to show next to which field otherwise; neither when the postal code is not five
    /// digits (its own check says so) or nothing is loaded.
    package func verify(postalCode: String, commune: String) async throws
        -> (commune: String?, problem: (field: CommuneCheck.Field, message: String)?)
    {
        guard postalCode.count == 5, postalCode.allSatisfy({ $0.isASCII && $0.isNumber }) else { return (nil, nil) }
        let check = try await check(postalCode: postalCode, commune: commune)
        if case .recognised(let recognised) = check { return (recognised.name, nil) }
        return (nil, check.problem)
    }
}

/// A police or gendarmerie unit of the directory.
package struct ReferenceUnit: Sendable, Equatable {
    package var code: String
    /// `PN`, `GN` or `PP`.
    package var force: String
    package var name: String
    package var commune: String
    package var postalCode: String
}

extension Places {
    /// A department's name, when the reference knows the code (`69`, `2A`, `971`).
    package func departmentName(_ code: String) async throws -> String? {
        let rows = try await client.query("SELECT name FROM ref_department WHERE code = \(code)", logger: logger)
        for try await name in rows.decode(String.self) { return name }
        return nil
    }

    /// The units of a department, of one force when it is given, by commune then name.
    package func units(inDepartment department: String, force: String?) async throws -> [ReferenceUnit] {
        let rows = try await client.query(
            """
            SELECT code, force, name, commune, postal_code FROM ref_unit
            WHERE department_code = \(department) AND (\(force)::text IS NULL OR force = \(force))
            ORDER BY commune, name
            """,
            logger: logger
        )
        return try await units(rows)
    }

    package func unit(code: String) async throws -> ReferenceUnit? {
        let rows = try await client.query(
            "SELECT code, force, name, commune, postal_code FROM ref_unit WHERE code = \(code)",
            logger: logger
        )
        return try await units(rows).first
    }

    private func units(_ rows: PostgresRowSequence) async throws -> [ReferenceUnit] {
        var units: [ReferenceUnit] = []
        for try await (code, force, name, commune, postalCode) in rows.decode(
            (String, String, String, String, String).self
        ) {
            units.append(ReferenceUnit(code: code, force: force, name: name, commune: commune, postalCode: postalCode))
        }
        return units
    }
}
