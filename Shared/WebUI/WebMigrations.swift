import Foundation
import Persistence

extension Migration {
    /// The tables every portal's schema carries for its sign-ins (migration group `web`).
    package static func web() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "WebMigrations", withExtension: nil) else {
            throw MigrationError.missingResources("WebMigrations")
        }
        return try load(group: "web", from: directory)
    }
}
