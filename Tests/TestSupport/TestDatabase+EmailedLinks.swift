import Foundation
import PostgresNIO

extension TestDatabase {
    /// The path of the last single-use link intake asked to e-mail with `eventName` (activation or reset), read
    /// from intake's outbox as notification would receive it.
    package func lastEmailedLinkPath(_ eventName: String) async throws -> String? {
        try await inspect { client in
            let rows = try await client.query(
                "SELECT payload FROM intake.outbox WHERE event_name = \(eventName) ORDER BY id DESC LIMIT 1",
                logger: Self.logger
            )
            for try await payload in rows.decode(String.self) {
                let json = try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any]
                let url = (json?["verificationURL"] ?? json?["resetURL"]) as? String
                return url.flatMap { URL(string: $0)?.path }
            }
            return nil
        }
    }
}
