import Foundation
import Hummingbird

/// Refuses a request whose query holds a control character (`%00`, `%0A`…) with 400: nobody types one in an
/// address, and a NUL would reach PostgreSQL, which refuses it in text — a search or a return path answered 500
/// where the request is at fault (found by wapiti). Form bodies are cleaned as they are read (WebUI's FormBody).
package struct ControlCharactersMiddleware<Context: RequestContext>: RouterMiddleware {
    package init() {}

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        // Hummingbird decodes the values but hands the names over as sent.
        let refused = request.uri.queryParameters.contains {
            ($0.key.removingPercentEncoding ?? String($0.key)).hasControlCharacters || $0.value.hasControlCharacters
        }
        if refused {
            throw HTTPError(.badRequest, message: "Cette adresse contient des caractères non valides.")
        }
        return try await next(request, context)
    }
}

extension StringProtocol {
    /// Whether the text holds a control character (tabs and line breaks among them).
    package var hasControlCharacters: Bool { unicodeScalars.contains { $0.properties.generalCategory == .control } }
}
