import NIOCore

/// The formats a claimant may upload, recognised by their first bytes (never by the name or the browser's
/// declared type), with the PDF features that have no place in a supporting document.
enum ContentSniffer {
    /// An accepted format.
    enum MediaType: String, Sendable {
        case pdf = "application/pdf"
        case jpeg = "image/jpeg"
        case png = "image/png"
        case webp = "image/webp"
    }

    /// The format of `content`, or nil when it is none of the accepted ones.
    static func mediaType(of content: ByteBuffer) -> MediaType? {
        let head = content.getBytes(at: content.readerIndex, length: min(12, content.readableBytes)) ?? []
        func starts(_ signature: [UInt8]) -> Bool { head.starts(with: signature) }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.count == 12, starts(Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) { return .webp }
        return nil
    }

    /// PDF names that run code or carry other files (JavaScript, launch actions, embedded files): refused, as
    /// nothing a claimant sends needs them and each has carried malware.
    private static let activePDFNames = ["/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/RichMedia"].map {
        Array($0.utf8)
    }

    /// Whether a PDF holds active content (see `activePDFNames`).
    static func hasActiveContent(_ content: ByteBuffer) -> Bool {
        let bytes = content.readableBytesView
        for name in activePDFNames {
            var start = bytes.startIndex
            while let found = bytes[start...].firstIndex(of: name[0]) {
                let end = bytes.index(found, offsetBy: name.count, limitedBy: bytes.endIndex) ?? bytes.endIndex
                if bytes[found..<end].elementsEqual(name) {
                    // "/JS" must end there: "/JSON" or "/JSFoo" are other names.
                    let next = end < bytes.endIndex ? bytes[end] : 0x20
                    if !Self.isNameCharacter(next) { return true }
                }
                start = bytes.index(after: found)
            }
        }
        return false
    }

    private static func isNameCharacter(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
