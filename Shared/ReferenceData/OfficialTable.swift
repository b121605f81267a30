import Foundation

/// A delimited open-data file as French administrations publish them: UTF-8, or Windows-1252 for La Poste's, `;` or
/// `,` between fields, fields optionally in double quotes, one header line (La Poste's starts with `#`).
package struct OfficialTable: Sendable {
    /// One data line: its number in the file (the header is line 1) and its fields.
    package struct Record: Sendable {
        package var line: Int
        package var fields: [String]
    }

    /// The header's names, folded: `#Libellé_d_acheminement` reads `libelle_d_acheminement`.
    package let columns: [String]
    package let records: [Record]

    package init(_ data: Data, delimiter: Character) throws(ReferenceFileError) {
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1252) else {
            throw .unreadable
        }
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .map { (line: $0.offset + 1, text: String($0.element)) }
            .filter { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }
        guard !lines.isEmpty else { throw .empty }
        let header = lines.removeFirst()
        columns = Self.split(header.text, delimiter).map(Self.folded)
        records = lines.map { Record(line: $0.line, fields: Self.split($0.text, delimiter)) }
    }

    /// Where a column is, by one of its folded names.
    package func index(of names: String...) throws(ReferenceFileError) -> Int {
        guard let index = columns.firstIndex(where: names.contains) else { throw .missingColumn(names[0]) }
        return index
    }

    /// `"a;b";c` → `["a;b", "c"]`; a doubled quote inside quotes is one quote.
    static func split(_ line: String, _ delimiter: Character) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var afterClosingQuote = false
        for character in line {
            if quoted {
                if character == "\"" {
                    quoted = false
                    afterClosingQuote = true
                    continue
                }
                field.append(character)
            } else if character == "\"" {
                if afterClosingQuote { field.append("\"") }
                quoted = true
            } else if character == delimiter {
                fields.append(field.trimmingCharacters(in: .whitespaces))
                field = ""
            } else {
                field.append(character)
            }
            afterClosingQuote = false
        }
        fields.append(field.trimmingCharacters(in: .whitespaces))
        return fields
    }

    static func folded(_ name: String) -> String {
        name.trimmingCharacters(in: CharacterSet(charactersIn: "#\u{FEFF}").union(.whitespaces))
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
            .lowercased()
    }
}

/// Why a reference file cannot be read at all (a bad line is only rejected).
package enum ReferenceFileError: Error, Equatable, CustomStringConvertible {
    case unreadable
    case empty
    case missingColumn(String)
    /// Too many bad lines: probably not the expected file; the data already loaded is kept.
    case mostlyMalformed(rejected: Int, of: Int)

    package var description: String {
        switch self {
        case .unreadable: "neither UTF-8 nor Windows-1252 text"
        case .empty: "no header line"
        case .missingColumn(let name): "no column \(name)"
        case .mostlyMalformed(let rejected, let total): "\(rejected) malformed lines out of \(total)"
        }
    }
}
