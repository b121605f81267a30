import Foundation

/// The name a file had on the uploader's device, made safe to store and show: no folders, no control or
/// bidirectional-override characters, no quotes, at most 120 characters. Files are stored under a server id.
enum FileName {
    static func cleaned(_ name: String) -> String {
        let lastComponent = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let visible = lastComponent.unicodeScalars.filter { scalar in
            !scalar.properties.isBidiControl && scalar.properties.generalCategory != .control
                && scalar.properties.generalCategory != .format && !"\"<>|:*?".unicodeScalars.contains(scalar)
        }
        let cleaned = String(String.UnicodeScalarView(visible)).trimmingCharacters(in: .whitespaces)
            .drop(while: { $0 == "." })
        return cleaned.isEmpty ? "document" : String(cleaned.prefix(120))
    }
}
