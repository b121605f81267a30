import Foundation

extension Bundle {
    /// A resource folder copied into a target's bundle (`Migrations`, `Resources/templates`).
    package func directory(_ path: String) throws -> URL {
        guard let url = resourceURL?.appendingPathComponent(path), FileManager.default.fileExists(atPath: url.path) else {
            throw MigrationError.missingResources(path)
        }
        return url
    }
}
