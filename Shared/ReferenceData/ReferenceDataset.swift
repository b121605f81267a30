import Foundation

/// The official files the importer reads, each under a fixed name in the reference directory (README: where to
/// download each one and how to name it).
package enum ReferenceDataset: String, CaseIterable, Sendable {
    /// INSEE, Code officiel géographique: `v_departement_AAAA.csv`.
    case departments
    /// INSEE, Code officiel géographique: `v_commune_AAAA.csv` (communes, and the arrondissements of Paris, Lyon
    /// and Marseille).
    case communes
    /// La Poste, base officielle des codes postaux (`019HexaSmal.csv`, data.gouv.fr).
    case postalCodes = "postal-codes"
    /// INSEE, Code officiel géographique: `v_pays_AAAA.csv`.
    case countries
    /// Ministère de l'Intérieur, unités de gendarmerie accueillant du public (data.gouv.fr).
    case gendarmerieUnits = "gendarmerie-units"
    /// Ministère de l'Intérieur, services de police accueillant du public (data.gouv.fr).
    case policeUnits = "police-units"

    /// The file's name in the reference directory.
    package var fileName: String {
        switch self {
        case .departments: "v_departement.csv"
        case .communes: "v_commune.csv"
        case .postalCodes: "laposte_hexasmal.csv"
        case .countries: "v_pays.csv"
        case .gendarmerieUnits: "gendarmerie.csv"
        case .policeUnits: "police.csv"
        }
    }

    var delimiter: Character { self == .departments || self == .communes || self == .countries ? "," : ";" }
}

/// A line of a reference file that was not loaded, and why (for the import's log and report).
package struct RejectedLine: Sendable, Equatable {
    package var line: Int
    package var reason: String

    package init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
}

/// What a reference file holds once read: its good rows and the lines rejected.
package struct ParsedFile<Row: Sendable>: Sendable {
    package var rows: [Row] = []
    package var rejected: [RejectedLine] = []
}

package struct DepartmentRow: Sendable, Equatable {
    package var code: String
    package var name: String
}

package struct CommuneRow: Sendable, Equatable {
    /// `COM` (commune), `ARM` (arrondissement municipal), `COMA` / `COMD` (associated or delegated commune).
    package var kind: String
    package var inseeCode: String
    package var name: String
    package var departmentCode: String
    /// The commune an arrondissement or a delegated commune belongs to.
    package var parentCode: String?
}

package struct PostalCodeRow: Sendable, Equatable {
    package var inseeCode: String
    package var posteName: String
    package var postalCode: String
    package var routingLabel: String
}

package struct CountryRow: Sendable, Equatable {
    package var cogCode: String
    package var name: String
    package var iso2: String?
}

package struct UnitRow: Sendable, Equatable {
    /// `GN-` and the gendarmerie's public identifier; `PN-`/`PP-` and the commune's code with a digest of the
    /// service's name for the police (its file has no identifier).
    package var code: String
    package var force: String
    package var name: String
    package var inseeCode: String
    package var postalCode: String
    package var commune: String
    package var departmentCode: String
    package var phone: String?
}
