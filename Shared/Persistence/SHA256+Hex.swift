import Crypto
import Foundation

extension SHA256.Digest {
    /// Lower-case hexadecimal, as stored for checksums and hashed identifiers.
    package var hex: String { map { String(format: "%02x", $0) }.joined() }
}
