import Logging
import NIOCore
import NIOPosix

/// clamd over TCP with the INSTREAM command: the content goes in length-prefixed chunks, then a zero-length
/// chunk; clamd answers `stream: OK` or `stream: <signature> FOUND`.
struct ClamdClient: Antivirus {
    let host: String
    let port: Int
    var timeout: TimeAmount = .seconds(30)
    private static let chunkSize = 64 * 1024

    func scan(_ content: ByteBuffer) async -> ScanVerdict {
        do {
            let reply = try await exchange(content)
            return Self.verdict(reply)
        } catch {
            return .unavailable(reason: "\(error)")
        }
    }

    /// `OK` is clean; `… FOUND` (including clamd's heuristics for encrypted files and exceeded limits) is
    /// infected; anything else, such as a size-limit error, is not a clean bill either.
    static func verdict(_ reply: String) -> ScanVerdict {
        let answer = reply.hasPrefix("stream: ") ? String(reply.dropFirst("stream: ".count)) : reply
        if answer == "OK" { return .clean }
        if answer.hasSuffix(" FOUND") { return .infected(signature: String(answer.dropLast(" FOUND".count))) }
        if answer.contains("size limit exceeded") { return .infected(signature: "Heuristics.Limits.Exceeded") }
        return .unavailable(reason: answer)
    }

    private func exchange(_ content: ByteBuffer) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(3))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    try await outbound.write(ByteBuffer(string: "zINSTREAM\0"))
                    var remaining = content
                    while remaining.readableBytes > 0 {
                        let length = min(Self.chunkSize, remaining.readableBytes)
                        var chunk = ByteBuffer()
                        chunk.writeInteger(UInt32(length))
                        var slice = remaining.readSlice(length: length)!
                        chunk.writeBuffer(&slice)
                        try await outbound.write(chunk)
                    }
                    try await outbound.write(ByteBuffer(integer: UInt32(0)))
                    var reply = ByteBuffer()
                    for try await part in inbound {
                        var part = part
                        reply.writeBuffer(&part)
                        if reply.readableBytesView.contains(0) { break }
                    }
                    let text = reply.readString(length: reply.readableBytes) ?? ""
                    return text.split(separator: "\0").first.map(String.init) ?? text
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(Int64(timeout.nanoseconds / 1_000_000_000)))
                throw ClamdTimeout()
            }
            let reply = try await group.next()!
            group.cancelAll()
            return reply
        }
    }
}

/// clamd took longer than the client's timeout.
struct ClamdTimeout: Error {}
