import Foundation
import Persistence
import Testing

struct FieldCipherTests {
    private let key = Data(repeating: 7, count: 32).base64EncodedString()

    @Test func sealedValuesOpenWithTheKeyOnlyAndHideThePlaintext() throws {
        let cipher = try #require(FieldCipher(keyId: "k1", base64Key: key))
        let plaintext = Data("FR7630006000011234567890189".utf8)
        let sealed = try cipher.seal(plaintext)
        #expect(sealed.range(of: plaintext) == nil)
        #expect(try cipher.open(sealed) == plaintext)
        #expect(try cipher.seal(plaintext) != sealed, "a fresh nonce every time")
        let other = try #require(
            FieldCipher(keyId: "k2", base64Key: Data(repeating: 8, count: 32).base64EncodedString())
        )
        #expect(throws: (any Error).self) { try other.open(sealed) }
        var tampered = sealed
        tampered[tampered.count - 1] ^= 1
        #expect(throws: (any Error).self) { try cipher.open(tampered) }
    }

    @Test func valuesSealedWithARetiredKeyStillOpenDuringARotation() throws {
        let retired = try #require(FieldCipher(keyId: "k1", base64Key: key))
        let sealed = try retired.seal(Data("FR76".utf8))
        var current = try #require(
            FieldCipher(keyId: "k2", base64Key: Data(repeating: 8, count: 32).base64EncodedString())
        )
        #expect(throws: (any Error).self) { try current.open(sealed) }
        current.previous = try #require(FieldCipher.keys("k1:\(key)"))
        #expect(try current.open(sealed) == Data("FR76".utf8))
        let fresh = try current.seal(Data("x".utf8))
        #expect(throws: (any Error).self, "new values use the current key") { try retired.open(fresh) }
        #expect(
            FieldCipher.keys("k1") == nil && FieldCipher.keys("k1:short") == nil && FieldCipher.keys("")?.count == 0
        )
    }

    @Test func keysMustBe32BytesOfBase64() {
        #expect(FieldCipher(keyId: "k", base64Key: "short") == nil)
        #expect(FieldCipher(keyId: "k", base64Key: Data(count: 16).base64EncodedString()) == nil)
    }
}
