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
        let other = try #require(FieldCipher(keyId: "k2", base64Key: Data(repeating: 8, count: 32).base64EncodedString()))
        #expect(throws: (any Error).self) { try other.open(sealed) }
        var tampered = sealed
        tampered[tampered.count - 1] ^= 1
        #expect(throws: (any Error).self) { try cipher.open(tampered) }
    }

    @Test func keysMustBe32BytesOfBase64() {
        #expect(FieldCipher(keyId: "k", base64Key: "short") == nil)
        #expect(FieldCipher(keyId: "k", base64Key: Data(count: 16).base64EncodedString()) == nil)
    }
}
