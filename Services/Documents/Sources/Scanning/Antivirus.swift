import NIOCore

/// What the antivirus said about a file.
enum ScanVerdict: Sendable, Equatable {
    case clean
    /// A signature matched, or the file could not be fully scanned (encrypted, over the scan limits): either way
    /// it is not let through.
    case infected(signature: String)
    /// The antivirus could not be asked (down, timeout, unexpected answer): the file stays out of reach.
    case unavailable(reason: String)
}

/// Scans content before anyone can open it.
protocol Antivirus: Sendable {
    func scan(_ content: ByteBuffer) async -> ScanVerdict
}
