import Foundation
import Mustache

/// The HTML templates of the documents the service generates (receipt, letters), with their shared style.
/// Mustache escapes every `{{value}}`, so a claimant's words can never become markup in a PDF.
struct LetterTemplates: Sendable {
    private let library: MustacheLibrary

    init(directory: URL) async throws {
        library = try await MustacheLibrary(directory: directory.path)
    }

    func render(_ name: String, _ model: Any) throws -> String {
        guard let html = library.render(model, withTemplate: name) else { throw LetterTemplateError.missing(name) }
        return html
    }
}

/// A template the code asks for does not exist.
enum LetterTemplateError: Error {
    case missing(String)
}
