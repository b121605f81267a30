import Foundation

/// poppler-utils, to read back the PDFs the service generates as a person or a screen reader would.
package enum PDFTools {
    /// The text of a PDF, laid out (`pdftotext -layout`).
    package static func text(of pdf: Data) throws -> String {
        try run("pdftotext", ["-layout", "-enc", "UTF-8"], pdf)
    }

    /// `pdfinfo`'s fields (`Tagged`, `Title`, `Pages`…).
    package static func info(of pdf: Data) throws -> [String: String] {
        var fields: [String: String] = [:]
        for line in try run("pdfinfo", [], pdf).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    private static func run(_ tool: String, _ arguments: [String], _ pdf: Data) throws -> String {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("pdf-\(UUID().uuidString).pdf")
        try pdf.write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
        process.arguments = arguments + [input.path] + (tool == "pdftotext" ? ["-"] : [])
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PDFToolError(tool: tool, status: process.terminationStatus) }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A poppler tool failed (not a PDF, or the tool is missing).
package struct PDFToolError: Error {
    var tool: String
    var status: Int32
}
