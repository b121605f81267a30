import Crypto
import Foundation

/// Encrypts sensitive fields (bank details) before they reach the database: AES-256-GCM, with the key id
/// stored beside each value so keys can be rotated (decrypt with the old key, re-encrypt with the new one).
package struct FieldCipher: Sendable {
    package let keyId: String
    private let key: SymmetricKey

    /// `base64Key` must decode to 32 bytes.
    package init?(keyId: String, base64Key: String) {
        guard let data = Data(base64Encoded: base64Key), data.count == 32 else { return nil }
        self.keyId = keyId
        self.key = SymmetricKey(data: data)
    }

    /// Nonce, ciphertext and tag in one buffer (AES-GCM's combined form).
    package func seal(_ plaintext: Data) throws -> Data {
        guard let combined = try AES.GCM.seal(plaintext, using: key).combined else { throw CipherError.sealFailed }
        return combined
    }

    /// The plaintext; throws when the value was tampered with or sealed with another key.
    package func open(_ sealed: Data) throws -> Data {
        try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: key)
    }

    /// Sealing produced no combined representation (cannot happen with the default 12-byte nonce).
    package enum CipherError: Error {
        case sealFailed
    }
}
