import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat

/// The filesystem blob store: one file per document under a folder per claim, for a single machine (or a shared
/// volume).
struct FileBlobStore: BlobStore {
    let root: URL
    var fileIO = FileIO()

    /// The folder exists (created if needed) and accepts a write.
    func checkReady() async throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let probe = root.appendingPathComponent(".ready-\(UUID().uuidString)")
        try Data().write(to: probe)
        try FileManager.default.removeItem(at: probe)
    }

    func write(_ content: ByteBuffer, document: UUID, claim: UUID) async throws {
        try FileManager.default.createDirectory(at: folder(claim), withIntermediateDirectories: true)
        try Data(buffer: content).write(to: file(document, claim), options: .atomic)
    }

    func read(document: UUID, claim: UUID) async throws -> ByteBuffer {
        ByteBuffer(data: try Data(contentsOf: file(document, claim)))
    }

    func body(document: UUID, claim: UUID, context: some RequestContext) async throws -> ResponseBody {
        try await fileIO.loadFile(path: file(document, claim).path, context: context)
    }

    func exists(document: UUID, claim: UUID) async throws -> Bool {
        FileManager.default.fileExists(atPath: file(document, claim).path)
    }

    func delete(document: UUID, claim: UUID) async throws {
        do {
            try FileManager.default.removeItem(at: file(document, claim))
        } catch CocoaError.fileNoSuchFile {
            return
        }
    }

    @discardableResult
    func deleteFolder(claim: UUID) async throws -> Int {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: folder(claim).path)
        } catch CocoaError.fileReadNoSuchFile {
            return 0
        }
        try FileManager.default.removeItem(at: folder(claim))
        return files.count
    }

    private func folder(_ claim: UUID) -> URL {
        root.appendingPathComponent(BlobName.folder(claim), isDirectory: true)
    }

    private func file(_ document: UUID, _ claim: UUID) -> URL {
        root.appendingPathComponent(BlobName.document(document, claim: claim))
    }
}
