import Foundation
import Mustache

/// The French e-mail templates, each with a plain-text and an HTML version.
struct MailTemplates: Sendable {
    private let library: MustacheLibrary
    /// Each template's check of the names it asks for, by name (`claim-paid.txt`).
    private let checks: [String: MustacheKeyCheck]

    init(directory: URL) async throws {
        library = try await MustacheLibrary(directory: directory.path)
        var checks: [String: MustacheKeyCheck] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path)
        where file.hasSuffix(".mustache") {
            let source = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            checks[String(file.dropLast(".mustache".count))] = MustacheKeyCheck(template: source)
        }
        self.checks = checks
    }

    /// The templates' names (`claim-paid`), each with its two versions.
    var names: Set<String> { Set(checks.keys.map { String($0.prefix { $0 != "." }) }) }

    /// Renders `<name>.txt` and `<name>.html`; fails if either is missing, or asks for a name the model lacks (a
    /// message with a hole is not sent: the event is retried, then dead-lettered, and the fault shows).
    func render(_ name: String, _ model: Any) throws -> (text: String, html: String) {
        let versions = ["\(name).txt", "\(name).html"]
        for version in versions {
            guard let check = checks[version] else { throw MailTemplateError.missing(name) }
            let missing = check.missingKeys(for: model)
            guard missing.isEmpty else { throw MailTemplateError.missingKeys(template: version, keys: missing) }
        }
        guard let text = library.render(model, withTemplate: versions[0]),
            let html = library.render(model, withTemplate: versions[1])
        else { throw MailTemplateError.missing(name) }
        return (text, html)
    }
}

/// A template the code asks for does not exist, or its model lacks names it uses.
enum MailTemplateError: Error, Equatable {
    case missing(String)
    case missingKeys(template: String, keys: [String])
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
