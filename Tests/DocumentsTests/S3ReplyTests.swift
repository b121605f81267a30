import Foundation
import Testing

@testable import Documents

struct S3ReplyTests {
    @Test func aTruncatedListingGivesItsKeysAndTheNextPageToken() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>bucket</Name><Prefix>c/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>
              <IsTruncated>true</IsTruncated>
              <Contents><Key>c/one</Key><Size>3</Size></Contents>
              <Contents><Key>c/t&amp;wo</Key><Size>4</Size></Contents>
              <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
            </ListBucketResult>
            """
        let listing = try S3Reply.listing(Data(xml.utf8))
        #expect(listing.keys == ["c/one", "c/t&wo"])
        #expect(listing.nextToken == "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=")
    }

    @Test func theLastPageHasNoToken() throws {
        let xml = "<ListBucketResult><IsTruncated>false</IsTruncated><KeyCount>0</KeyCount></ListBucketResult>"
        let listing = try S3Reply.listing(Data(xml.utf8))
        #expect(listing.keys.isEmpty)
        #expect(listing.nextToken == nil)
    }

    @Test func aListingCutShortIsRefusedRatherThanTakenForTheLastPage() {
        let cut = "<ListBucketResult><IsTruncated>true</IsTruncated><Contents><Key>c/one</Key></Contents><Contents><Ke"
        #expect(throws: S3Error.self) { try S3Reply.listing(Data(cut.utf8)) }
        #expect(throws: S3Error.self) { try S3Reply.listing(Data("not xml".utf8)) }
    }

    @Test func anErrorReplyGivesItsCode() {
        let xml = "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature…</Message></Error>"
        #expect(S3Reply.errorCode(Data(xml.utf8)) == "SignatureDoesNotMatch")
        #expect(S3Reply.errorCode(Data("not xml".utf8)) == nil)
        #expect(
            "\(S3Error(operation: "PutObject", status: 403, code: "AccessDenied"))"
                == "S3 PutObject: HTTP 403 AccessDenied"
        )
    }
}
