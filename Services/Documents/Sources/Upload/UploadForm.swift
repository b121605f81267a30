import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// The upload form as the browser posts it (`multipart/form-data`: `jeton`, `type`, `fichier`), read as it
/// streams in: text fields are capped at 8 KiB, the file at `maximumFileSize`. Bytes beyond the file limit are
/// counted and dropped, so memory never grows with what is sent; past twice the limit the request is cut (413).
struct UploadForm {
    var fields: [String: String] = [:]
    var fileName: String?
    var file = ByteBuffer()
    /// The file was larger than allowed (its content is not kept).
    var fileTooLarge = false

    static func read(_ request: Request, maximumFileSize: Int) async throws -> UploadForm {
        guard let contentType = request.headers[.contentType], contentType.hasPrefix("multipart/form-data"),
            let boundary = headerParameter("boundary", in: contentType)
        else {
            throw HTTPError(.unsupportedMediaType, message: "Le formulaire doit être envoyé en multipart/form-data.")
        }
        let reader = PartReader(maximumFileSize: maximumFileSize)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in reader.header(name, value) }
        parser.onBody = { chunk in reader.body(&chunk) }
        parser.onPartComplete = { reader.completePart() }
        var received = 0
        for try await chunk in request.body {
            received += chunk.readableBytes
            guard received <= 2 * maximumFileSize + 64 * 1024 else { throw HTTPError(.contentTooLarge) }
            do {
                try parser.execute(chunk)
            } catch {
                throw HTTPError(.badRequest, message: "Le formulaire envoyé est mal formé.")
            }
        }
        return reader.form
    }
}

/// Collects the parts the parser reports, one at a time.
private final class PartReader {
    private static let maximumFieldSize = 8 * 1024
    private let maximumFileSize: Int
    private var name: String?
    private var partFileName: String?
    private var value = ByteBuffer()
    private var isFile: Bool { name == "fichier" }
    var form = UploadForm()

    init(maximumFileSize: Int) { self.maximumFileSize = maximumFileSize }

    func header(_ name: String, _ value: String) {
        guard name.lowercased() == "content-disposition" else { return }
        self.name = headerParameter("name", in: value)
        partFileName = headerParameter("filename", in: value)
    }

    func body(_ chunk: inout ByteBuffer) {
        let limit = isFile ? maximumFileSize : Self.maximumFieldSize
        if value.readableBytes + chunk.readableBytes > limit {
            if isFile { form.fileTooLarge = true }
            return
        }
        value.writeBuffer(&chunk)
    }

    func completePart() {
        if isFile {
            form.fileName = partFileName
            form.file = form.fileTooLarge ? ByteBuffer() : value
        } else if let name {
            form.fields[name] = String(buffer: value)
        }
        name = nil
        partFileName = nil
        value = ByteBuffer()
    }
}

/// A parameter of a header value such as `form-data; name="…"; filename="…"` or `multipart/form-data; boundary=…`.
private func headerParameter(_ key: String, in header: String) -> String? {
    for parameter in header.split(separator: ";").dropFirst() {
        let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
        if pair.count == 2, pair[0].lowercased() == key {
            return String(pair[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
    }
    return nil
}
