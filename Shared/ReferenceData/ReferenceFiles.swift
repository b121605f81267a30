import Crypto
import Foundation

/// Reads each official file into rows, rejecting the lines that do not hold what the format promises (a wrong
/// number of fields, a malformed code, an empty name) with their line number.
package enum ReferenceFiles {
    package static func departments(_ data: Data) throws(ReferenceFileError) -> ParsedFile<DepartmentRow> {
        let table = try OfficialTable(data, delimiter: ReferenceDataset.departments.delimiter)
        let (code, name) = (try table.index(of: "dep"), try table.index(of: "libelle"))
        return parse(table) { fields in
            guard isDepartment(fields[code]) else { return .failure("code de département invalide") }
            guard !fields[name].isEmpty else { return .failure("libellé vide") }
            return .success(DepartmentRow(code: fields[code], name: fields[name]))
        }
    }

    package static func communes(_ data: Data) throws(ReferenceFileError) -> ParsedFile<CommuneRow> {
        let table = try OfficialTable(data, delimiter: ReferenceDataset.communes.delimiter)
        let kind = try table.index(of: "typecom")
        let (code, department) = (try table.index(of: "com"), try table.index(of: "dep"))
        let (name, parent) = (try table.index(of: "libelle"), try table.index(of: "comparent"))
        return parse(table) { fields in
            guard ["COM", "ARM", "COMA", "COMD"].contains(fields[kind]) else {
                return .failure("type de commune inconnu")
            }
            guard isInseeCode(fields[code]) else { return .failure("code commune invalide") }
            guard !fields[name].isEmpty else { return .failure("libellé vide") }
            let parentCode = fields[parent].isEmpty ? nil : fields[parent]
            // Only a commune proper names its department; the others inherit their parent's.
            guard isDepartment(fields[department]) || parentCode != nil else {
                return .failure("code de département invalide")
            }
            return .success(
                CommuneRow(
                    kind: fields[kind],
                    inseeCode: fields[code],
                    name: fields[name],
                    departmentCode: fields[department],
                    parentCode: parentCode
                )
            )
        }
    }

    package static func postalCodes(_ data: Data) throws(ReferenceFileError) -> ParsedFile<PostalCodeRow> {
        let table = try OfficialTable(data, delimiter: ReferenceDataset.postalCodes.delimiter)
        let (code, name) = (try table.index(of: "code_commune_insee"), try table.index(of: "nom_de_la_commune"))
        let (postal, label) = (try table.index(of: "code_postal"), try table.index(of: "libelle_d_acheminement"))
        return parse(table) { fields in
            guard isInseeCode(fields[code]) else { return .failure("code commune invalide") }
            guard isPostalCode(fields[postal]) else { return .failure("code postal invalide") }
            guard !fields[name].isEmpty else { return .failure("nom de commune vide") }
            return .success(
                PostalCodeRow(
                    inseeCode: fields[code],
                    posteName: fields[name],
                    postalCode: fields[postal],
                    routingLabel: fields[label].isEmpty ? fields[name] : fields[label]
                )
            )
        }
    }

    /// Countries and territories that exist today (`ACTUAL` 1 or 3); former ones are left out, not rejected.
    package static func countries(_ data: Data) throws(ReferenceFileError) -> ParsedFile<CountryRow> {
        let table = try OfficialTable(data, delimiter: ReferenceDataset.countries.delimiter)
        let (code, current) = (try table.index(of: "cog"), try table.index(of: "actual"))
        let (name, iso2) = (try table.index(of: "libcog"), try table.index(of: "codeiso2"))
        let parsed = parse(table) { fields -> Result<CountryRow?, LineProblem> in
            guard fields[code].count == 5, fields[code].hasPrefix("99"), fields[code].allSatisfy(\.isNumber) else {
                return .failure("code pays invalide")
            }
            guard !fields[name].isEmpty else { return .failure("libellé vide") }
            guard fields[current] == "1" || fields[current] == "3" else { return .success(nil) }
            return .success(
                CountryRow(cogCode: fields[code], name: fields[name], iso2: fields[iso2].isEmpty ? nil : fields[iso2])
            )
        }
        // A country has one line per former name: the current one comes first.
        var seen: Set<String> = []
        let rows = parsed.rows.compactMap { $0 }.filter { seen.insert($0.cogCode).inserted }
        return ParsedFile(rows: rows, rejected: parsed.rejected)
    }

    package static func gendarmerieUnits(_ data: Data) throws(ReferenceFileError) -> ParsedFile<UnitRow> {
        try units(data, dataset: .gendarmerieUnits) { fields, id in
            guard let id, !fields[id].isEmpty, fields[id].allSatisfy(\.isNumber) else { return nil }
            return "GN-\(fields[id])"
        }
    }

    /// The police's file names no identifier: the code is made from the commune and the service's name, so it stays
    /// the same from one edition of the file to the next. Paris and its inner ring are the Préfecture de police's.
    package static func policeUnits(_ data: Data) throws(ReferenceFileError) -> ParsedFile<UnitRow> {
        try units(data, dataset: .policeUnits) { _, _ in "" }
    }

    private static func units(
        _ data: Data,
        dataset: ReferenceDataset,
        code makeCode: ([String], Int?) -> String?
    ) throws(ReferenceFileError) -> ParsedFile<UnitRow> {
        let table = try OfficialTable(data, delimiter: dataset.delimiter)
        let id = try? table.index(of: "identifiant_public_unite")
        if dataset == .gendarmerieUnits, id == nil { throw .missingColumn("identifiant_public_unite") }
        let (name, insee) = (try table.index(of: "service"), try table.index(of: "code_commune_insee"))
        let (postal, commune) = (try table.index(of: "code_postal"), try table.index(of: "commune"))
        let (department, phone) = (try table.index(of: "departement"), try table.index(of: "telephone"))
        return parse(table) { fields in
            guard !fields[name].isEmpty else { return .failure("nom du service vide") }
            guard isInseeCode(fields[insee]) else { return .failure("code commune invalide") }
            guard isPostalCode(fields[postal]) else { return .failure("code postal invalide") }
            guard isDepartment(fields[department]) else { return .failure("code de département invalide") }
            guard var code = makeCode(fields, id) else { return .failure("identifiant d’unité invalide") }
            let force =
                dataset == .gendarmerieUnits
                ? "GN" : (["75", "92", "93", "94"].contains(fields[department]) ? "PP" : "PN")
            if code.isEmpty {
                let digest = SHA256.hash(data: Data((fields[insee] + "|" + fields[name]).utf8))
                code = "\(force)-\(fields[insee])-" + digest.prefix(4).map { String(format: "%02X", $0) }.joined()
            }
            return .success(
                UnitRow(
                    code: code,
                    force: force,
                    name: fields[name],
                    inseeCode: fields[insee],
                    postalCode: fields[postal],
                    commune: fields[commune],
                    departmentCode: fields[department],
                    phone: fields[phone].isEmpty ? nil : fields[phone]
                )
            )
        }
    }

    // MARK: - Lines

    package struct LineProblem: Error, ExpressibleByStringLiteral {
        var reason: String
        package init(stringLiteral reason: String) { self.reason = reason }
    }

    private static func parse<Row>(
        _ table: OfficialTable,
        _ read: ([String]) -> Result<Row, LineProblem>
    ) -> ParsedFile<Row> {
        var parsed = ParsedFile<Row>()
        for record in table.records {
            guard record.fields.count >= table.columns.count else {
                parsed.rejected.append(
                    RejectedLine(
                        line: record.line,
                        reason: "\(record.fields.count) champs au lieu de \(table.columns.count)"
                    )
                )
                continue
            }
            switch read(record.fields) {
            case .success(let row): parsed.rows.append(row)
            case .failure(let problem): parsed.rejected.append(RejectedLine(line: record.line, reason: problem.reason))
            }
        }
        return parsed
    }

    // MARK: - Codes

    /// `01`…`95`, `2A`, `2B`, `971`…`976`.
    static func isDepartment(_ code: String) -> Bool {
        switch code.count {
        case 2: code == "2A" || code == "2B" || (code.allSatisfy(\.isNumber) && code != "00" && code != "20")
        case 3: code.hasPrefix("97") && code.allSatisfy(\.isNumber)
        default: false
        }
    }

    /// Five characters, digits but for Corsica's `2A`/`2B`.
    static func isInseeCode(_ code: String) -> Bool {
        guard code.count == 5, code.allSatisfy({ $0.isASCII }) else { return false }
        let rest = code.dropFirst(2)
        return (code.prefix(2).allSatisfy(\.isNumber) || code.hasPrefix("2A") || code.hasPrefix("2B"))
            && rest.allSatisfy(\.isNumber)
    }

    static func isPostalCode(_ code: String) -> Bool {
        code.count == 5 && code.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
