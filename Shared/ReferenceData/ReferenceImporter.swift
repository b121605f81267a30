import Crypto
import Foundation
import Logging
import Persistence
import PostgresNIO

/// Loads the official files of a directory into the service's reference tables. A dataset is replaced as a whole,
/// in one transaction, only when its file changed (by SHA-256), and never by a file that is mostly malformed; an
/// advisory lock per dataset lets several replicas run it at once.
package struct ReferenceImporter: Sendable {
    /// What became of one dataset.
    package enum Outcome: Sendable, Equatable {
        case loaded(rows: Int, rejected: [RejectedLine])
        case unchanged
        /// No such file in the directory: the dataset keeps what it had.
        case missing
    }

    let client: PostgresClient
    let logger: Logger
    var clock: @Sendable () -> Date = { Date() }

    package init(client: PostgresClient, logger: Logger, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.logger = logger
        self.clock = clock
    }

    /// Every dataset of `directory`, in dependency order; a dataset whose file cannot be loaded throws after the
    /// ones before it were loaded.
    @discardableResult
    package func importAll(from directory: URL) async throws -> [ReferenceDataset: Outcome] {
        var outcomes: [ReferenceDataset: Outcome] = [:]
        for dataset in ReferenceDataset.allCases {
            outcomes[dataset] = try await importDataset(dataset, from: directory)
        }
        return outcomes
    }

    package func importDataset(_ dataset: ReferenceDataset, from directory: URL) async throws -> Outcome {
        let file = directory.appendingPathComponent(dataset.fileName)
        guard let data = FileManager.default.contents(atPath: file.path) else { return .missing }
        let digest = SHA256.hash(data: data).hex
        // Every replica runs this at start: an unchanged file is not even read. (Checked again under the lock.)
        let loaded = try await client.withConnection { try await loadedDigest(dataset, on: $0) }
        guard loaded != digest else { return .unchanged }
        // Read before the transaction: a file refused leaves the tables untouched.
        let (rows, rejected) = try Self.read(dataset, data)
        let outcome = try await client.withTransaction(logger: logger) { connection -> Outcome in
            try await connection.query(
                "SELECT pg_advisory_xact_lock(hashtext(\("reference:" + dataset.rawValue)))",
                logger: logger
            )
            guard try await loadedDigest(dataset, on: connection) != digest else { return .unchanged }
            try await write(rows, on: connection)
            try await connection.query(
                """
                INSERT INTO ref_import (dataset, sha256, rows, rejected, imported_at)
                VALUES (\(dataset.rawValue), \(digest), \(rows.count), \(rejected.count), \(clock()))
                ON CONFLICT (dataset) DO UPDATE SET sha256 = excluded.sha256, rows = excluded.rows,
                    rejected = excluded.rejected, imported_at = excluded.imported_at
                """,
                logger: logger
            )
            return .loaded(rows: rows.count, rejected: rejected)
        }
        if case .loaded(let count, let rejected) = outcome {
            logger.info(
                "reference data loaded",
                metadata: [
                    "dataset": "\(dataset.rawValue)", "rows": "\(count)", "rejected": "\(rejected.count)",
                    "rejected.lines": "\(rejected.prefix(10).map { "\($0.line): \($0.reason)" })",
                ]
            )
        }
        return outcome
    }

    /// The SHA-256 of the file the dataset was last loaded from.
    private func loadedDigest(_ dataset: ReferenceDataset, on connection: PostgresConnection) async throws -> String? {
        let rows = try await connection.query(
            "SELECT sha256 FROM ref_import WHERE dataset = \(dataset.rawValue)",
            logger: logger
        )
        for try await sha256 in rows.decode(String.self) { return sha256 }
        return nil
    }

    /// A dataset's rows, ready to replace what its tables hold.
    private enum Rows {
        case departments([DepartmentRow])
        case communes([CommuneNames.Resolved])
        case postalCodes([PostalCodeRow])
        case countries([CountryRow])
        case units([UnitRow], forces: [String])

        var count: Int {
            switch self {
            case .departments(let rows): rows.count
            case .communes(let rows): rows.count
            case .postalCodes(let rows): rows.count
            case .countries(let rows): rows.count
            case .units(let rows, _): rows.count
            }
        }
    }

    private static func read(_ dataset: ReferenceDataset, _ data: Data) throws -> (Rows, [RejectedLine]) {
        switch dataset {
        case .departments:
            let parsed = try checked(try ReferenceFiles.departments(data))
            return (.departments(parsed.rows), parsed.rejected)
        case .communes:
            let parsed = try checked(try ReferenceFiles.communes(data))
            return (.communes(CommuneNames(parsed.rows).resolved), parsed.rejected)
        case .postalCodes:
            let parsed = try checked(try ReferenceFiles.postalCodes(data))
            // La Poste has a line per locality: one per (postal code, commune) is kept, the first.
            var seen: Set<String> = []
            return (
                .postalCodes(parsed.rows.filter { seen.insert($0.postalCode + $0.inseeCode).inserted }), parsed.rejected
            )
        case .countries:
            let parsed = try checked(try ReferenceFiles.countries(data))
            return (.countries(parsed.rows), parsed.rejected)
        case .gendarmerieUnits, .policeUnits:
            let parsed = try checked(
                dataset == .gendarmerieUnits
                    ? try ReferenceFiles.gendarmerieUnits(data) : try ReferenceFiles.policeUnits(data)
            )
            var seen: Set<String> = []
            let rows = parsed.rows.filter { seen.insert($0.code).inserted }
            return (.units(rows, forces: dataset == .gendarmerieUnits ? ["GN"] : ["PN", "PP"]), parsed.rejected)
        }
    }

    private func write(_ rows: Rows, on connection: PostgresConnection) async throws {
        switch rows {
        case .departments(let rows):
            try await connection.query("DELETE FROM ref_department", logger: logger)
            for batch in rows.batched() {
                try await connection.query(
                    """
                    INSERT INTO ref_department (code, name)
                    SELECT * FROM unnest(\(batch.map(\.code)), \(batch.map(\.name))) ON CONFLICT DO NOTHING
                    """,
                    logger: logger
                )
            }
        case .communes(let rows):
            try await connection.query("DELETE FROM ref_commune", logger: logger)
            for batch in rows.batched() {
                try await connection.query(
                    """
                    INSERT INTO ref_commune (insee_code, name, address_name, department_code)
                    SELECT * FROM unnest(\(batch.map(\.inseeCode)), \(batch.map(\.name)), \(batch.map(\.addressName)),
                                         \(batch.map(\.departmentCode)))
                    """,
                    logger: logger
                )
            }
        case .postalCodes(let rows):
            try await connection.query("DELETE FROM ref_postal_code", logger: logger)
            for batch in rows.batched() {
                try await connection.query(
                    """
                    INSERT INTO ref_postal_code (postal_code, insee_code, poste_name, routing_label)
                    SELECT * FROM unnest(\(batch.map(\.postalCode)), \(batch.map(\.inseeCode)),
                                         \(batch.map(\.posteName)), \(batch.map(\.routingLabel)))
                    """,
                    logger: logger
                )
            }
        case .countries(let rows):
            try await connection.query("DELETE FROM ref_country", logger: logger)
            for batch in rows.batched() {
                try await connection.query(
                    """
                    INSERT INTO ref_country (cog_code, name, iso2)
                    SELECT code, name, nullif(iso2, '')
                    FROM unnest(\(batch.map(\.cogCode)), \(batch.map(\.name)), \(batch.map { $0.iso2 ?? "" }))
                        AS country (code, name, iso2)
                    """,
                    logger: logger
                )
            }
        case .units(let rows, let forces):
            try await connection.query("DELETE FROM ref_unit WHERE force = ANY(\(forces))", logger: logger)
            for batch in rows.batched() {
                try await connection.query(
                    """
                    INSERT INTO ref_unit (code, force, name, insee_code, postal_code, commune, department_code, phone)
                    SELECT code, force, name, insee, postal, commune, department, nullif(phone, '')
                    FROM unnest(\(batch.map(\.code)), \(batch.map(\.force)), \(batch.map(\.name)),
                                \(batch.map(\.inseeCode)), \(batch.map(\.postalCode)), \(batch.map(\.commune)),
                                \(batch.map(\.departmentCode)), \(batch.map { $0.phone ?? "" }))
                        AS unit (code, force, name, insee, postal, commune, department, phone)
                    """,
                    logger: logger
                )
            }
        }
    }

    /// Refuses a file with no good row, or with more than one bad line in ten: probably not the expected file.
    private static func checked<Row>(_ parsed: ParsedFile<Row>) throws -> ParsedFile<Row> {
        let total = parsed.rows.count + parsed.rejected.count
        guard !parsed.rows.isEmpty, parsed.rejected.count * 10 <= total else {
            throw ReferenceFileError.mostlyMalformed(rejected: parsed.rejected.count, of: total)
        }
        return parsed
    }
}

extension Array {
    /// Slices of at most `size` elements, for multi-row inserts.
    fileprivate func batched(_ size: Int = 2000) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
