import Foundation
import Hummingbird
import ServiceKit

/// Reads an `application/x-www-form-urlencoded` body into a dictionary (last value wins), control characters
/// removed from names and values.
package enum FormBody {
    package static func fields(of request: Request, limit: Int = 64 * 1024) async throws -> [String: String] {
        Dictionary(try await pairs(of: request, limit: limit), uniquingKeysWith: { $1 })
    }

    /// Every name and value in order, repeated names included (checkboxes).
    package static func pairs(of request: Request, limit: Int = 64 * 1024) async throws -> [(String, String)] {
        var body = try await request.body.collect(upTo: limit)
        let text = body.readString(length: body.readableBytes) ?? ""
        func decode(_ part: Substring) -> String {
            (part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "").withoutControlCharacters
        }
        return text.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first else { return nil }
            return (decode(name), parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}

/// A submitted form: one value per name (the last), or every value of a repeated name.
package struct FormFields: Sendable {
    private let pairs: [(String, String)]

    package init(_ request: Request, limit: Int = 64 * 1024) async throws {
        pairs = try await FormBody.pairs(of: request, limit: limit)
    }

    package subscript(name: String) -> String? { pairs.last { $0.0 == name }?.1 }

    package func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }
}

/// One form field as the templates render it: label, value, and the server's error message if any.
package struct FormField: Sendable {
    package var name: String
    package var label: String
    package var type: String
    package var value: String
    package var error: String?
    package var hint: String?
    package var autocomplete: String?
    /// A text area rather than a one-line input.
    package var multiline: Bool
    /// Marked "(facultatif)" and not `required`.
    package var optional: Bool
    /// DOM id of the error message, referenced by `aria-describedby`.
    package var errorId: String

    package init(
        name: String,
        label: String,
        type: String = "text",
        value: String = "",
        error: String? = nil,
        hint: String? = nil,
        autocomplete: String? = nil,
        multiline: Bool = false,
        optional: Bool = false
    ) {
        self.name = name
        self.label = label
        self.type = type
        self.value = value
        self.error = error
        self.hint = hint
        self.autocomplete = autocomplete
        self.multiline = multiline
        self.optional = optional
        self.errorId = "\(name)-error"
    }
}

/// A group of radio buttons as the templates render it: a fieldset with its legend and the server's error.
package struct ChoiceField: Sendable {
    /// One radio button.
    package struct Option: Sendable {
        package var value: String
        package var label: String
        package var id: String
        package var checked: Bool
    }

    package var name: String
    package var legend: String
    package var hint: String?
    package var options: [Option]
    package var error: String?
    package var errorId: String

    package init(
        name: String,
        legend: String,
        hint: String? = nil,
        options: [(value: String, label: String)],
        selected: String,
        error: String?
    ) {
        self.name = name
        self.legend = legend
        self.hint = hint
        self.options = options.map {
            Option(value: $0.value, label: $0.label, id: "\(name)-\($0.value)", checked: $0.value == selected)
        }
        self.error = error
        self.errorId = "\(name)-error"
    }
}

extension String {
    /// The text without control characters but tabs and line breaks: nobody types them, PostgreSQL refuses NUL in
    /// text and JSON, and the others would only hide what is shown to the agents (found by IntakeFuzzTests).
    package var withoutControlCharacters: String {
        guard hasControlCharacters else { return self }
        return String(
            String.UnicodeScalarView(
                unicodeScalars.filter {
                    $0.properties.generalCategory != .control || "\t\n\r".unicodeScalars.contains($0)
                }
            )
        )
    }
}
