import Persistence

/// The key intake and instruction share to pass bank details through the bus sealed (`PAYMENT_DETAILS_KEY`, 32
/// random bytes in base64, and its id `PAYMENT_DETAILS_KEY_ID`).
package enum PaymentDetailsKey {
    /// The cipher, or nil (reported) when the key is missing or malformed.
    package static func cipher(from reader: SettingsReader) -> FieldCipher? {
        let cipher = FieldCipher(
            keyId: reader.string("payment.details.key.id", default: "p1"),
            base64Key: reader.string("payment.details.key", default: "", secret: true)
        )
        if cipher == nil {
            reader.report("PAYMENT_DETAILS_KEY must be 32 random bytes in base64 (openssl rand -base64 32)")
        }
        return cipher
    }
}
