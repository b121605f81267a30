import Foundation

/// A router's path template (`/agents/dossiers/{id}/pieces/{document}`) made a path to request.
enum RouteTemplate {
    /// `template` with each `{name}` replaced by `values[name]`; names without a value stay as they are.
    static func filled(_ template: String, with values: [String: String]) -> String {
        values.reduce(template) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
    }
}
