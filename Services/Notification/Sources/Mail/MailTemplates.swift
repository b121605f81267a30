import Foundation
import Mustache

/// The French e-mail templates, each with a plain-text and an HTML version.
struct MailTemplates: Sendable {
    private let library: MustacheLibrary

    init(directory: URL) async throws {
        library = try await MustacheLibrary(directory: directory.path)
    }

    /// Renders `<name>.txt` and `<name>.html`; fails if either is missing.
    func render(_ name: String, _ model: Any) throws -> (text: String, html: String) {
        guard let text = library.render(model, withTemplate: "\(name).txt"),
            let html = library.render(model, withTemplate: "\(name).html")
        else { throw MailTemplateError.missing(name) }
        return (text, html)
    }
}

/// A template the code asks for does not exist.
enum MailTemplateError: Error {
    case missing(String)
}

/// Model of the acknowledgement e-mail; stored properties only (Mustache reads them by reflection).
struct AcknowledgementModel {
    var firstName: String
    var lastName: String
    var reference: String
    var doorBreakDate: String
    var submittedOn: String
    var trackingURL: String
}
