import Crypto
import Foundation

/// One forward-only SQL migration file, identified by group and four-digit version.
package struct Migration: Sendable, Equatable {
    /// `platform` (outbox, inbox: shared by every service) or `service`.
    package var group: String
    package var version: Int
    package var name: String
    package var sql: String

    /// SHA-256 of the file: an applied migration must never change.
    package var checksum: String {
        SHA256.hash(data: Data(sql.utf8)).hex
    }

    package init(group: String, version: Int, name: String, sql: String) {
        self.group = group
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Reads `NNNN_name.sql` files from a directory, in version order; rejects malformed names.
    package static func load(group: String, from directory: URL) throws -> [Migration] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        return try files.map { file in
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]) else {
                throw MigrationError.badFileName(file)
            }
            let sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            return Migration(
                group: group,
                version: version,
                name: String(stem[stem.index(after: underscore)...]),
                sql: sql
            )
        }
    }

    /// A service's own migrations, from the `Migrations` folder copied into its resource bundle.
    package static func service(in bundle: Bundle) throws -> [Migration] {
        try load(group: "service", from: try bundle.directory("Migrations"))
    }

    /// The outbox and inbox tables every service schema carries.
    package static func platform() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "PlatformMigrations", withExtension: nil) else {
            throw MigrationError.missingResources("PlatformMigrations")
        }
        return try load(group: "platform", from: directory)
    }
}

/// Why migrations cannot be applied or the service cannot start.
package enum MigrationError: Error, CustomStringConvertible, Equatable {
    case badFileName(String)
    case missingResources(String)
    case checksumMismatch(group: String, version: Int, name: String)
    case pending([String])

    package var description: String {
        switch self {
        case .badFileName(let file): "migration file name must be NNNN_name.sql: \(file)"
        case .missingResources(let name): "migration resources not found: \(name)"
        case .checksumMismatch(let group, let version, let name):
            "applied migration \(group)/\(version)_\(name) was edited after it was applied"
        case .pending(let names):
            "pending migrations: \(names.joined(separator: ", ")); run `migrate` first (or MIGRATE_ON_START=true in dev)"
        }
    }
}
