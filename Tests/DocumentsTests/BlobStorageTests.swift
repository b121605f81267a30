import Foundation
import Testing

@testable import Documents

struct BlobStorageTests {
    @Test func aMissingFolderIsCreatedAndProbedWithoutLeavingFiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("blobs-\(UUID().uuidString)/nested")
        try BlobStorage(root: root).checkWritable()
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
        try FileManager.default.removeItem(at: root.deletingLastPathComponent())
    }

    @Test func anUnwritableFolderFailsTheReadinessCheck() {
        #expect(throws: (any Error).self) { try BlobStorage(root: URL(fileURLWithPath: "/proc/mij-blobs")).checkWritable() }
    }
}
