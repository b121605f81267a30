import Foundation
import FoundationXML

/// What an S3-compatible store answers in XML: the listing of a folder and the error codes.
enum S3Reply {
    /// One page of ListObjectsV2: the keys, and the token of the next page if there is one.
    struct Listing {
        var keys: [String]
        var nextToken: String?
    }

    /// A reply cut short or not XML is refused: taken for the last page, it would leave the rest of a folder behind.
    static func listing(_ xml: Data) throws -> Listing {
        guard let values = texts(of: ["Key", "IsTruncated", "NextContinuationToken"], in: xml) else {
            throw S3Error(operation: "ListObjectsV2", status: 200, code: "UnreadableReply")
        }
        let truncated = values["IsTruncated"]?.first == "true"
        return Listing(keys: values["Key"] ?? [], nextToken: truncated ? values["NextContinuationToken"]?.first : nil)
    }

    /// The `<Code>` of an error reply (`NoSuchKey`, `SignatureDoesNotMatch`…), if any.
    static func errorCode(_ xml: Data) -> String? {
        texts(of: ["Code"], in: xml)?["Code"]?.first
    }

    /// The text of every element named in `names`, in document order; nil when `xml` is not a whole XML document.
    private static func texts(of names: Set<String>, in xml: Data) -> [String: [String]]? {
        let reader = ElementTexts(names: names)
        let parser = XMLParser(data: xml)
        parser.delegate = reader
        // Foundation's parser on Linux reports success on a document cut short, so the root's closing tag is checked.
        return parser.parse() && reader.isComplete ? reader.found : nil
    }
}

/// An S3-compatible store refused or failed a call. Names the call and the store's code, never a document's content.
struct S3Error: Error, CustomStringConvertible {
    var operation: String
    var status: UInt
    var code: String?

    var description: String { "S3 \(operation): HTTP \(status)\(code.map { " \($0)" } ?? "")" }
}

private final class ElementTexts: NSObject, XMLParserDelegate {
    let names: Set<String>
    private(set) var found: [String: [String]] = [:]
    /// The root element was closed: the document is whole.
    private(set) var isComplete = false
    private var current: (name: String, text: String)?
    private var depth = 0

    init(names: Set<String>) { self.names = names }

    func parser(
        _ parser: XMLParser,
        didStartElement name: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        depth += 1
        if names.contains(name) { current = (name, "") }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        current?.text += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        if depth == 0 { isComplete = true }
        guard let element = current, element.name == name else { return }
        found[name, default: []].append(element.text)
        current = nil
    }
}
