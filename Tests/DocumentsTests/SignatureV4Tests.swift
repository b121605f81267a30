import Foundation
import Testing

@testable import Documents

/// The signer against the worked examples of Amazon S3's API reference ("Signature Calculations for the
/// Authorization Header"), whose example keys and expected signatures are public.
struct SignatureV4Tests {
    private let signer = SignatureV4(
        accessKeyID: "AKIAIOSFODNN7EXAMPLE",
        secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        region: "us-east-1"
    )
    /// 2013-05-24T00:00:00Z, the examples' date.
    private let day = Date(timeIntervalSince1970: 1_369_353_600)

    private func authorization(_ request: SignatureV4.Request) -> String? {
        signer.signedHeaders(for: request, at: day).first { $0.name == "Authorization" }?.value
    }

    @Test func theExampleGetObjectWithARangeIsSignedAsDocumented() {
        let request = SignatureV4.Request(
            method: "GET",
            path: "/test.txt",
            headers: [("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9")],
            payloadHash: SignatureV4.emptyPayloadHash
        )
        #expect(
            authorization(request)
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        )
    }

    @Test func theExampleListingIsSignedWithItsQuerySorted() {
        let request = SignatureV4.Request(
            method: "GET",
            path: "/",
            query: [("prefix", "J"), ("max-keys", "2")],
            headers: [("host", "examplebucket.s3.amazonaws.com")],
            payloadHash: SignatureV4.emptyPayloadHash
        )
        #expect(
            authorization(request)?.hasSuffix(
                "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"
            ) == true
        )
    }

    @Test func theDateAndThePayloadHashAreSentWithTheSignature() {
        let headers = signer.signedHeaders(
            for: .init(method: "PUT", path: "/b/k", headers: [("host", "h")], payloadHash: "abc"),
            at: day
        )
        #expect(headers.map(\.name) == ["host", "x-amz-content-sha256", "x-amz-date", "Authorization"])
        #expect(headers[1].value == "abc")
        #expect(headers[2].value == "20130524T000000Z")
    }

    @Test func everythingButTheUnreservedCharactersIsPercentEncoded() {
        #expect(SignatureV4.encoded("a b/c~d_e.f-g+h=é") == "a%20b%2Fc~d_e.f-g%2Bh%3D%C3%A9")
    }

    @Test func anotherSecretGivesAnotherSignature() {
        var other = signer
        other.secretAccessKey = "wrong"
        let request = SignatureV4.Request(method: "GET", path: "/", headers: [("host", "h")], payloadHash: "x")
        #expect(
            other.signedHeaders(for: request, at: day).last?.value
                != signer.signedHeaders(for: request, at: day).last?.value
        )
    }
}
