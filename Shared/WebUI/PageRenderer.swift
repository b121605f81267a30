import Foundation
import Hummingbird
import Mustache
import Persistence

/// Renders HTML pages from Mustache templates: the shared layout plus a service's own templates.
/// Mustache escapes every `{{value}}`; templates never use the raw `{{{ }}}` form.
package struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    /// Loads `layout.mustache` from WebUI and every `.mustache` file in `directory`.
    package init(directory: URL) throws {
        guard let shared = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw PageRendererError.missingTemplates("WebUI/Templates")
        }
        var templates: [String: MustacheTemplate] = [:]
        for folder in [shared, directory] {
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
            for file in files {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                templates[String(file.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
            }
        }
        library = MustacheLibrary(templates: templates)
    }

    /// The templates of a service, from the `Templates` folder copied into its resource bundle.
    package init(templatesIn bundle: Bundle) throws {
        try self.init(directory: try bundle.directory("Templates"))
    }

    /// An HTML response; pages may show personal data, so they are never cached.
    package func page(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) throws -> Response {
        guard let html = library.render(model, withTemplate: template) else {
            throw PageRendererError.missingTemplates(template)
        }
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }
}

/// A template that should exist does not.
package enum PageRendererError: Error, CustomStringConvertible {
    case missingTemplates(String)

    package var description: String {
        switch self {
        case .missingTemplates(let name): "template not found: \(name)"
        }
    }
}
