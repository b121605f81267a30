import Foundation

/// The names a Mustache template asks for that its model does not have. Mustache renders a missing name as
/// nothing, which in an e-mail reads "Bonjour ," or a link without its address: `MailTemplates` refuses such a
/// rendering instead. Names are looked up as Mustache does, from the innermost section's value outwards, in stored
/// properties (by reflection); a section whose value is empty or false is not entered. A template's tags are read
/// once, when the check is made; each rendering only walks them.
struct MustacheKeyCheck: Sendable {
    private enum Tag: Sendable {
        case variable(String)
        case section(String, inverted: Bool)
        case close(String)
    }

    private let tags: [Tag]

    init(template: String) {
        tags = Self.tags(of: template)
    }

    func missingKeys(for model: Any) -> [String] {
        var missing: [String] = []
        Self.check(tags[...], stack: [model], missing: &missing)
        return missing
    }

    private static func check(_ tags: ArraySlice<Tag>, stack: [Any], missing: inout [String]) {
        var index = tags.startIndex
        while index < tags.endIndex {
            switch tags[index] {
            case .variable(let name):
                if name != ".", lookUp(name, in: stack) == nil { missing.append(name) }
                index += 1
            case .section(let name, let inverted):
                let end = closing(name, in: tags, after: index)
                let inner = tags[(index + 1)..<end]
                if let found = lookUp(name, in: stack) {
                    if inverted {
                        check(inner, stack: stack, missing: &missing)
                    } else {
                        for context in contexts(of: found) { check(inner, stack: stack + [context], missing: &missing) }
                    }
                } else {
                    missing.append(name)
                }
                index = end + 1
            case .close:
                index += 1
            }
        }
    }

    /// What a section's body renders with: each element of a list, the value itself, or nothing when it is falsy.
    private static func contexts(of value: Any?) -> [Any] {
        guard let value = unwrapped(value) else { return [] }
        if let flag = value as? Bool { return flag ? [()] : [] }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .collection { return mirror.children.map(\.value) }
        return [value]
    }

    /// The value of a (possibly dotted) name from the innermost context outwards; nil when no context has it
    /// (`.some(nil)` when one has it, empty).
    private static func lookUp(_ name: String, in stack: [Any]) -> Any?? {
        let parts = name.split(separator: ".").map(String.init)
        guard let first = parts.first else { return nil }
        for context in stack.reversed() {
            guard var value = property(first, of: context) else { continue }
            for part in parts.dropFirst() {
                // An empty value on the way renders nothing, as the template means.
                guard let current = unwrapped(value) else { return .some(nil) }
                guard let next = property(part, of: current) else { return nil }
                value = next
            }
            return value
        }
        return nil
    }

    private static func property(_ name: String, of value: Any) -> Any?? {
        Mirror(reflecting: value).children.first { $0.label == name }.map { unwrapped($0.value) }
    }

    private static func unwrapped(_ value: Any?) -> Any? {
        guard let value else { return nil }
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.map { unwrapped($0.value) } ?? nil
    }

    private static func closing(_ name: String, in tags: ArraySlice<Tag>, after start: Int) -> Int {
        var depth = 0
        for index in (start + 1)..<tags.endIndex {
            switch tags[index] {
            case .section(let other, _) where other == name: depth += 1
            case .close(let other) where other == name:
                if depth == 0 { return index }
                depth -= 1
            default: continue
            }
        }
        return tags.endIndex
    }

    /// `{{name}}`, `{{{name}}}`, `{{&name}}`, `{{#name}}`, `{{^name}}`, `{{/name}}`; comments, partials and
    /// pragmas (`{{% CONTENT_TYPE: TEXT}}`) skipped.
    private static func tags(of template: String) -> [Tag] {
        var tags: [Tag] = []
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            let afterOpen = rest[open.upperBound...]
            let triple = afterOpen.hasPrefix("{")
            guard let close = afterOpen.range(of: triple ? "}}}" : "}}") else { break }
            var body = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if triple { body = String(body.dropFirst()).trimmingCharacters(in: .whitespaces) }
            rest = afterOpen[close.upperBound...]
            guard let sigil = body.first else { continue }
            let name = String(body.dropFirst()).trimmingCharacters(in: .whitespaces)
            switch sigil {
            case "#": tags.append(.section(name, inverted: false))
            case "^": tags.append(.section(name, inverted: true))
            case "/": tags.append(.close(name))
            case "&": tags.append(.variable(name))
            case "!", ">", "=", "%": continue
            default: tags.append(.variable(body))
            }
        }
        return tags
    }
}
