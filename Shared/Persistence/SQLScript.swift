import Foundation

/// Splits an SQL script into statements, respecting quotes, dollar quotes and comments,
/// because the extended query protocol runs one statement per query.
package enum SQLScript {
    /// The statements of `script`, trimmed, without empty ones; comments are kept inside statements.
    package static func statements(_ script: String) -> [String] {
        let chars = Array(script)
        var statements: [String] = []
        var current = ""
        var index = 0
        func peek(_ offset: Int) -> Character? { index + offset < chars.count ? chars[index + offset] : nil }
        while index < chars.count {
            let char = chars[index]
            if char == "-", peek(1) == "-" {
                let end = chars[index...].firstIndex(of: "\n") ?? chars.count
                current += String(chars[index..<end])
                index = end
            } else if char == "/", peek(1) == "*" {
                let end = findEnd(of: ["*", "/"], in: chars, from: index + 2)
                current += String(chars[index..<end])
                index = end
            } else if char == "'" || char == "\"" {
                let end = findEnd(of: [char], in: chars, from: index + 1)
                current += String(chars[index..<end])
                index = end
            } else if char == "$", let tag = dollarTag(in: chars, at: index) {
                let end = findEnd(of: Array(tag), in: chars, from: index + tag.count)
                current += String(chars[index..<end])
                index = end
            } else if char == ";" {
                statements.append(current)
                current = ""
                index += 1
            } else {
                current.append(char)
                index += 1
            }
        }
        statements.append(current)
        return statements.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !isOnlyComments($0) }
    }

    // `$tag$` or `$$` starting at `index`, when it is one.
    private static func dollarTag(in chars: [Character], at index: Int) -> String? {
        var end = index + 1
        while end < chars.count, chars[end].isLetter || chars[end].isNumber || chars[end] == "_" { end += 1 }
        guard end < chars.count, chars[end] == "$" else { return nil }
        if end > index + 1, chars[index + 1].isNumber { return nil }  // $1 is a parameter
        return String(chars[index...end])
    }

    // Index just past the first occurrence of `terminator` at or after `start` (or the end of input).
    private static func findEnd(of terminator: [Character], in chars: [Character], from start: Int) -> Int {
        var index = start
        while index + terminator.count <= chars.count {
            if Array(chars[index..<index + terminator.count]) == terminator { return index + terminator.count }
            index += 1
        }
        return chars.count
    }

    private static func isOnlyComments(_ statement: String) -> Bool {
        statement.split(separator: "\n").allSatisfy {
            let line = $0.trimmingCharacters(in: .whitespaces)
            return line.isEmpty || line.hasPrefix("--")
        }
    }
}
