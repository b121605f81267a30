import Foundation

/// Random passwords for printed development accounts (never used in production).
package enum DemoPassword {
    /// 16 characters from an alphabet without look-alikes.
    package static func make() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789")
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
    }
}
