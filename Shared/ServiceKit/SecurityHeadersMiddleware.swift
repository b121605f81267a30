import HTTPTypes
import Hummingbird

/// Security headers on every response (reliability.md §32): strict CSP, no sniffing, no framing, no referrer leaks.
package struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    private let strictTransportSecurity: Bool
    private let contentSecurityPolicy: String

    /// `strictTransportSecurity` only behind HTTPS (production); browsers ignore it over plain HTTP anyway.
    /// `formActions`: origins besides this one that forms may post to.
    package init(strictTransportSecurity: Bool = false, formActions: [String] = []) {
        self.strictTransportSecurity = strictTransportSecurity
        contentSecurityPolicy =
            "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action "
            + (["'self'"] + formActions).joined(separator: " ")
    }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        let headers: [(HTTPField.Name, String)] = [
            (.contentSecurityPolicy, contentSecurityPolicy),
            (Self.contentTypeOptions, "nosniff"),
            (Self.referrerPolicy, "strict-origin-when-cross-origin"),
            (Self.permissionsPolicy, "camera=(), microphone=(), geolocation=(), payment=()"),
            (Self.frameOptions, "DENY"),
        ]
        for (name, value) in headers where response.headers[name] == nil { response.headers[name] = value }
        if strictTransportSecurity {
            response.headers[Self.strictTransportSecurityName] = "max-age=31536000; includeSubDomains"
        }
        return response
    }

    private static var contentTypeOptions: HTTPField.Name { HTTPField.Name("X-Content-Type-Options")! }
    private static var referrerPolicy: HTTPField.Name { HTTPField.Name("Referrer-Policy")! }
    private static var permissionsPolicy: HTTPField.Name { HTTPField.Name("Permissions-Policy")! }
    private static var frameOptions: HTTPField.Name { HTTPField.Name("X-Frame-Options")! }
    private static var strictTransportSecurityName: HTTPField.Name { HTTPField.Name("Strict-Transport-Security")! }
}
