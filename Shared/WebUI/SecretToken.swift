import Crypto
import Foundation

/// A random secret handed to a browser or an e-mail (session, verification or reset link), stored only as
/// its SHA-256 so that a database dump gives nobody a usable token.
package struct SecretToken: Sendable, Equatable {
    /// The value given out: 256 random bits in URL-safe base64 (43 characters).
    package let value: String

    /// A fresh token from the system's CSPRNG.
    package init() {
        value = Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }).base64URLEncoded
    }

    /// A token received back from a browser or a link.
    package init?(received: String) {
        guard received.count == 43, received.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            return nil
        }
        value = received
    }

    /// What is stored and looked up.
    package var digest: Data { Data(SHA256.hash(data: Data(value.utf8))) }
}
