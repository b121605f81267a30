import Crypto
import Foundation

/// Encrypts sensitive fields (bank details) before they reach the database: AES-256-GCM, with the key id
/// stored beside each value. Keys are rotated by making the new one current and keeping the old ones as `previous`
/// until every value has been sealed again: values sealed with any of them still open (GCM's tag tells a wrong key).
package struct FieldCipher: Sendable {
    package let keyId: String
    private let key: SymmetricKey
    /// Retired keys, tried in turn when the current one does not open a value.
    package var previous: [FieldCipher] = []

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

    /// The plaintext; throws when the value was tampered with or sealed with a key that is neither the current one
    /// nor a previous one.
    package func open(_ sealed: Data) throws -> Data {
        let box = try AES.GCM.SealedBox(combined: sealed)
        do {
            return try AES.GCM.open(box, using: key)
        } catch {
            for retired in previous {
                if let opened = try? AES.GCM.open(box, using: retired.key) { return opened }
            }
            throw error
        }
    }

    /// Reads `id:base64,id:base64` (the retired keys of a rotation); nil when an entry is malformed.
    package static func keys(_ list: String) -> [FieldCipher]? {
        var keys: [FieldCipher] = []
        for entry in list.split(separator: ",") {
            let parts = entry.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let cipher = FieldCipher(keyId: String(parts[0]), base64Key: String(parts[1]))
            else { return nil }
            keys.append(cipher)
        }
        return keys
    }

    /// Sealing produced no combined representation (cannot happen with the default 12-byte nonce).
    package enum CipherError: Error {
        case sealFailed
    }
}
