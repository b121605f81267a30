import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id (kept from `X-Request-Id` when well formed), logs it, passes it on to the handler in
/// the same header, returns it, and turns unexpected errors into a 500 that shows only that id while the error is logged.
package struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    package init() {}

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let incoming = request.headers[.requestID].flatMap {
            $0.count <= 64 && $0.allSatisfy(\.isRequestIDCharacter) ? $0 : nil
        }
        let id = incoming ?? UUID().uuidString.lowercased()
        var context = context
        context.logger[metadataKey: "request.id"] = "\(id)"
        // Handlers read it back: the events a request causes carry it as their correlation id.
        var head = request.head
        head.headerFields[.requestID] = id
        let request = Request(head: head, body: request.body)
        do {
            var response = try await next(request, context)
            response.headers[.requestID] = id
            return response
        } catch let error as any HTTPResponseError {
            context.logger.notice("request refused", metadata: ["status": "\(error.status.code)"])
            throw error
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            throw HTTPError(
                .internalServerError,
                headers: [.requestID: id],
                message: "Erreur interne. Référence : \(id)"
            )
        }
    }
}

extension HTTPField.Name {
    /// `X-Request-Id`, echoed on every response.
    package static var requestID: Self { Self("X-Request-Id")! }
}

extension Character {
    fileprivate var isRequestIDCharacter: Bool { isLetter || isNumber || self == "-" }
}
