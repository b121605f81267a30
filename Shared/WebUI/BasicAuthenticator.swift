import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Persistence
import Synchronization

/// An authenticated staff member (agent or investigator) and the roles the server checks.
package struct StaffMember: Sendable, Equatable {
    package var id: UUID
    package var displayName: String
    package var roles: [String]

    package init(id: UUID, displayName: String, roles: [String]) {
        self.id = id
        self.displayName = displayName
        self.roles = roles
    }
}

/// HTTP Basic authentication of local development accounts, with verified credentials cached for five
/// minutes (bcrypt costs ~0.25 s per check). Replaced by ProConnect sessions in the agent/investigator issues.
package final class BasicAuthenticator: Sendable {
    private let realm: String
    private let lookup: @Sendable (_ email: String, _ password: String) async throws -> StaffMember?
    private let cache = Mutex<[String: (member: StaffMember, expires: Date)]>([:])

    package init(realm: String, lookup: @escaping @Sendable (String, String) async throws -> StaffMember?) {
        self.realm = realm
        self.lookup = lookup
    }

    /// The staff member behind the request, or a 401 challenge.
    package func authenticate(_ request: Request) async throws -> StaffMember {
        guard let header = request.headers[.authorization], header.hasPrefix("Basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) }),
            let colon = decoded.firstIndex(of: ":")
        else { throw challenge }
        let key = SHA256.hash(data: Data(header.utf8)).hex
        if let cached = cache.withLock({ $0[key] }), cached.expires > Date() { return cached.member }
        guard
            let member = try await lookup(
                String(decoded[..<colon]).lowercased(),
                String(decoded[decoded.index(after: colon)...])
            )
        else { throw challenge }
        cache.withLock { entries in
            entries = entries.filter { $0.value.expires > Date() }
            entries[key] = (member, Date().addingTimeInterval(300))
        }
        return member
    }

    private var challenge: HTTPError {
        HTTPError(
            .unauthorized,
            headers: [.wwwAuthenticate: "Basic realm=\"\(realm)\", charset=\"UTF-8\""],
            message: "Identifiez-vous avec votre compte."
        )
    }
}
