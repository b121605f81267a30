import Foundation

/// The filesystem blob store's root folder (the S3-compatible store comes with the uploads issue).
struct BlobStorage: Sendable {
    let root: URL

    /// Readiness: the folder exists (created if needed) and accepts a write.
    func checkWritable() throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let probe = root.appendingPathComponent(".ready-\(UUID().uuidString)")
        try Data().write(to: probe)
        try FileManager.default.removeItem(at: probe)
    }
}
