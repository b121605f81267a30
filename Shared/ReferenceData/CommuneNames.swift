/// The communes as addresses name them: an arrondissement of Paris, Lyon or Marseille is written with its city's
/// name (`Lyon`, postal code 69006), and takes its department from it, as associated and delegated communes do.
struct CommuneNames {
    struct Resolved {
        var inseeCode: String
        var name: String
        var addressName: String
        var departmentCode: String
    }

    let resolved: [Resolved]

    init(_ rows: [CommuneRow]) {
        let communes = Dictionary(rows.filter { $0.kind == "COM" }.map { ($0.inseeCode, $0) }) { first, _ in first }
        // A commune proper first: a delegated commune may share its parent's code.
        let ordered = rows.filter { $0.kind == "COM" } + rows.filter { $0.kind != "COM" }
        var seen: Set<String> = []
        resolved = ordered.compactMap { row in
            guard seen.insert(row.inseeCode).inserted else { return nil }
            let parent = row.parentCode.flatMap { communes[$0] }
            let department =
                ReferenceFiles.isDepartment(row.departmentCode) ? row.departmentCode : parent?.departmentCode
            guard let department else { return nil }
            return Resolved(
                inseeCode: row.inseeCode,
                name: row.name,
                addressName: row.kind == "ARM" ? (parent?.name ?? row.name) : row.name,
                departmentCode: department
            )
        }
    }
}
