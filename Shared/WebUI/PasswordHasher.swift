import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// bcrypt (cost 12 in production) on NIO's blocking thread pool, so a quarter-second hash never stalls an
/// event loop. The password is first reduced to base64(SHA-256): bcrypt ignores bytes past the 72nd, and
/// long or non-ASCII passphrases must count in full.
package struct PasswordHasher: Sendable {
    package var cost: UInt8

    package init(cost: UInt8 = 12) { self.cost = cost }

    package func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(Self.prehash(password), cost: cost) }
    }

    /// Checks a password; with no stored hash (unknown address) a dummy check runs anyway, so that the time
    /// taken does not reveal whether an account exists.
    package func verify(_ password: String, against hash: String?) async throws -> Bool {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive {
            guard let hash else {
                _ = Bcrypt.hash(Self.prehash(password), cost: cost)
                return false
            }
            return Bcrypt.verify(Self.prehash(password), hash: hash)
        }
    }

    private static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }
}
