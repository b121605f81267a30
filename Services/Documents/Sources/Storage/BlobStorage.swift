import Foundation
import NIOCore
import NIOFoundationCompat

/// The filesystem blob store: one file per document, named by the document's server id (never by its content
/// or its original name), under a folder per claim.
struct BlobStorage: Sendable {
    let root: URL

    /// Readiness: the folder exists (created if needed) and accepts a write.
    func checkWritable() throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let probe = root.appendingPathComponent(".ready-\(UUID().uuidString)")
        try Data().write(to: probe)
        try FileManager.default.removeItem(at: probe)
    }

    func write(_ content: ByteBuffer, document: UUID, claim: UUID) throws {
        let folder = root.appendingPathComponent(claim.uuidString.lowercased(), isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(buffer: content).write(to: path(document, claim), options: .atomic)
    }

    func read(document: UUID, claim: UUID) throws -> ByteBuffer {
        ByteBuffer(data: try Data(contentsOf: path(document, claim)))
    }

    /// Removes the content; a document already removed is not an error.
    func delete(document: UUID, claim: UUID) throws {
        do {
            try FileManager.default.removeItem(at: path(document, claim))
        } catch CocoaError.fileNoSuchFile {
            return
        }
    }

    /// Removes a claim's folder and every document in it; a folder already removed is not an error. The number of
    /// files removed.
    @discardableResult
    func deleteFolder(claim: UUID) throws -> Int {
        let folder = root.appendingPathComponent(claim.uuidString.lowercased(), isDirectory: true)
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch CocoaError.fileReadNoSuchFile {
            return 0
        }
        try FileManager.default.removeItem(at: folder)
        return files.count
    }

    func exists(document: UUID, claim: UUID) -> Bool {
        FileManager.default.fileExists(atPath: path(document, claim).path)
    }

    /// Where a document's content is (for streaming it out).
    func path(document: UUID, claim: UUID) -> URL { path(document, claim) }

    private func path(_ document: UUID, _ claim: UUID) -> URL {
        root.appendingPathComponent(claim.uuidString.lowercased(), isDirectory: true)
            .appendingPathComponent(document.uuidString.lowercased())
    }
}
