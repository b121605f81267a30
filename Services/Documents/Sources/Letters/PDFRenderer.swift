import Foundation
import Logging
import NIOPosix

/// Turns HTML into tagged PDF (PDF/UA-1) through one long-lived WeasyPrint worker (`pdf-worker.py`), so a
/// document costs tens of milliseconds instead of a Python start-up each time. Requests are served one at a
/// time; a worker that dies or hangs is killed and started again on the next request.
actor PDFRenderer {
    /// How to start the worker.
    struct Command: Sendable {
        /// The Python interpreter that has WeasyPrint (the project's `.venv/bin/python`).
        var python: String
        var script: URL
        /// The only folder documents may read files from (fonts).
        var assets: String
    }

    private let command: Command
    private let timeout: Duration
    private let logger: Logger
    private var worker: Worker?

    init(command: Command, timeout: Duration = .seconds(60), logger: Logger) {
        self.command = command
        self.timeout = timeout
        self.logger = logger
    }

    /// Renders one document; throws `PDFRenderError` when the worker fails, and the next call starts afresh.
    func render(html: String) async throws -> Data {
        let worker = try self.worker ?? start()
        self.worker = worker
        let watchdog = Task { [timeout] in
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            worker.process.terminate()
        }
        defer { watchdog.cancel() }
        do {
            return try await NIOThreadPool.singleton.runIfActive { try worker.exchange(Data(html.utf8)) }
        } catch {
            logger.warning("PDF worker failed; it will be restarted", metadata: ["error": "\(error)"])
            stop()
            throw error
        }
    }

    /// Ends the worker (its input closes, it exits).
    func stop() {
        guard let worker else { return }
        self.worker = nil
        try? worker.input.close()
        if worker.process.isRunning { worker.process.terminate() }
    }

    private func start() throws -> Worker {
        // Writing to a worker that just died must fail with EPIPE, not end the whole service.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command.python)
        process.arguments = [command.script.path, command.assets]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        logger.info("PDF worker started", metadata: ["pid": "\(process.processIdentifier)"])
        return Worker(process: process, input: input.fileHandleForWriting, output: output.fileHandleForReading)
    }
}

/// Why a document could not be rendered.
enum PDFRenderError: Error, Equatable {
    /// The worker ended (crashed, killed by the watchdog, or could not start its imports).
    case workerExited
    /// WeasyPrint refused the document; the name of its exception.
    case rendering(String)
}

/// The running worker and its pipes; used by one request at a time (the actor sees to it).
private struct Worker: @unchecked Sendable {
    let process: Process
    let input: FileHandle
    let output: FileHandle

    /// Sends one request frame and reads the answer frame (blocking: runs on NIO's thread pool).
    func exchange(_ html: Data) throws -> Data {
        var request = Data()
        request.append(contentsOf: Self.bigEndian(UInt32(html.count)))
        request.append(html)
        do {
            try input.write(contentsOf: request)
        } catch {
            throw PDFRenderError.workerExited
        }
        let header = try read(5)
        let length = header.dropFirst().reduce(0) { $0 << 8 | Int($1) }
        let payload = try read(length)
        guard header.first == 0 else { throw PDFRenderError.rendering(String(decoding: payload, as: UTF8.self)) }
        return payload
    }

    private func read(_ count: Int) throws -> Data {
        var data = Data()
        while data.count < count {
            guard let chunk = try output.read(upToCount: count - data.count), !chunk.isEmpty else {
                throw PDFRenderError.workerExited
            }
            data.append(chunk)
        }
        return data
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }
}
