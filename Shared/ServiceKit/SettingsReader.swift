import Configuration
import Foundation

/// Reads typed settings from a `ConfigReader`, collecting every problem so start-up reports them all at once.
package final class SettingsReader {
    package let config: ConfigReader
    private(set) var problems: [String] = []

    package init(_ config: ConfigReader) { self.config = config }

    /// A string, trying each key in order (e.g. `intake.http.port`, then `http.port`), else the default.
    package func string(_ keys: String..., default fallback: String, secret: Bool = false) -> String {
        for key in keys {
            if let value = config.string(forKey: ConfigKey(key), isSecret: secret), !value.isEmpty { return value }
        }
        return fallback
    }

    /// An integer within bounds; a malformed or out-of-range value is a reported problem.
    package func int(_ keys: String..., default fallback: Int, in range: ClosedRange<Int> = 0...Int.max) -> Int {
        for key in keys {
            guard let text = config.string(forKey: ConfigKey(key)), !text.isEmpty else { continue }
            guard let value = Int(text), range.contains(value) else {
                problems.append("\(environmentName(key)) must be an integer in \(range), got \"\(text)\"")
                return fallback
            }
            return value
        }
        return fallback
    }

    /// A boolean (`true`/`false`/`1`/`0`).
    package func bool(_ key: String, default fallback: Bool) -> Bool {
        guard let text = config.string(forKey: ConfigKey(key))?.lowercased(), !text.isEmpty else { return fallback }
        switch text {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default:
            problems.append("\(environmentName(key)) must be true or false, got \"\(text)\"")
            return fallback
        }
    }

    /// Records a problem found while validating a value.
    package func report(_ problem: String) { problems.append(problem) }

    /// Throws one error listing every problem, if any.
    package func validate() throws {
        guard problems.isEmpty else { throw SettingsError(problems: problems) }
    }

    /// The environment variable a dotted key reads: `intake.http.port` → `INTAKE_HTTP_PORT`.
    package func environmentName(_ key: String) -> String {
        key.replacingOccurrences(of: ".", with: "_").uppercased()
    }
}

/// Invalid configuration: every bad key, for one clear start-up failure.
package struct SettingsError: Error, CustomStringConvertible {
    package var problems: [String]

    package init(problems: [String]) { self.problems = problems }

    package var description: String { "invalid configuration:\n- " + problems.joined(separator: "\n- ") }
}
