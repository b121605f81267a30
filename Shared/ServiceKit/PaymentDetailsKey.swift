import Foundation
import Persistence

/// The key intake and instruction share to pass bank details through the bus sealed (`PAYMENT_DETAILS_KEY`, 32
/// random bytes in base64, its id `PAYMENT_DETAILS_KEY_ID`, and the retired ones `PAYMENT_DETAILS_PREVIOUS_KEYS`).
package enum PaymentDetailsKey {
    /// The cipher, or nil (reported) when the key is missing or malformed.
    package static func cipher(from reader: SettingsReader) -> FieldCipher? {
        FieldCipher.fromSettings(reader, key: "payment.details.key", defaultId: "p1")
    }
}

extension FieldCipher {
    /// Reads a field key from `<key>` (32 random bytes in base64), its id from `<key>.id` and the retired keys of a
    /// rotation from `<key's prefix>.previous.keys` (`id:base64,…`); nil, with the problem reported, when one is
    /// missing or malformed.
    package static func fromSettings(_ reader: SettingsReader, key: String, defaultId: String) -> FieldCipher? {
        let name = reader.environmentName(key)
        var cipher = FieldCipher(
            keyId: reader.string("\(key).id", default: defaultId),
            base64Key: reader.string(key, default: "", secret: true)
        )
        if cipher == nil { reader.report("\(name) must be 32 random bytes in base64 (openssl rand -base64 32)") }
        let previousKey = key.replacingOccurrences(of: ".key", with: ".previous.keys")
        guard let previous = keys(reader.string(previousKey, default: "", secret: true)) else {
            reader.report("\(reader.environmentName(previousKey)) must list id:base64 pairs separated by commas")
            return nil
        }
        cipher?.previous = previous
        return cipher
    }
}
