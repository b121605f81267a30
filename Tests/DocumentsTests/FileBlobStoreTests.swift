import Foundation
import Testing

@testable import Documents

struct FileBlobStoreTests {
    @Test func aMissingFolderIsCreatedAndProbedWithoutLeavingFiles() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("blobs-\(UUID().uuidString)/nested")
        try await FileBlobStore(root: root).checkReady()
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
        try FileManager.default.removeItem(at: root.deletingLastPathComponent())
    }

    @Test func anUnwritableFolderFailsTheReadinessCheck() async {
        await #expect(throws: (any Error).self) {
            try await FileBlobStore(root: URL(fileURLWithPath: "/proc/mij-blobs")).checkReady()
        }
    }
}
