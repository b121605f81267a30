import Foundation
import HTTPTypes
import Hummingbird
import Logging
import WebUI

/// The browser's side of an OpenID Connect sign-in, shared by the portals: the state is single use, kept
/// server-side and bound to the browser by a cookie, so a sign-in started elsewhere cannot be finished here; the
/// nonce and the PKCE verifier never leave the server. What to do with the identity is the portal's business.
package struct OIDCSignIn: Sendable {
    /// How a return from the provider ended.
    package enum Outcome: Sendable {
        /// The provider vouched for this person; the browser goes on to `returnPath`.
        case signedIn(OIDCProvider.Identity, returnPath: String)
        /// The person cancelled at the provider, or it refused.
        case cancelled
        /// Unknown, replayed or foreign state, or a code the provider would not redeem.
        case failed
    }

    let provider: OIDCProvider
    let attempts: SignInAttempts
    /// The cookie that binds the state to the browser, and the path it is sent on (the callback's).
    let cookieName: String
    let cookiePath: String
    let secureCookies: Bool

    package init(
        provider: OIDCProvider,
        attempts: SignInAttempts,
        cookieName: String,
        cookiePath: String,
        secureCookies: Bool
    ) {
        self.provider = provider
        self.attempts = attempts
        self.cookieName = cookieName
        self.cookiePath = cookiePath
        self.secureCookies = secureCookies
    }

    /// How starting a sign-in for a browser ended.
    package enum Start: Sendable {
        /// To the provider, the state's cookie set.
        case redirect(Response)
        /// This client address started too many sign-ins (each keeps a row for ten minutes): wait so many seconds.
        case throttled(wait: Int)
        /// The provider cannot be reached.
        case unreachable
    }

    /// Starts a sign-in for a browser from `client`, at most as often as `rule` allows: the redirect to the
    /// provider, the "too many attempts" page, or the portal's own page when the provider cannot be reached.
    package func startResponse(
        returnPath: String,
        client: String,
        limiter: RateLimiter,
        rule: RateLimiter.Rule,
        pages: PageRenderer,
        logger: Logger,
        unreachable: () throws -> Response
    ) async throws -> Response {
        switch try await start(returnPath: returnPath, client: client, limiter: limiter, rule: rule, logger: logger) {
        case .redirect(let response): return response
        case .throttled(let wait):
            return try pages.page("message", TooManyAttempts.page(wait: wait), status: .tooManyRequests)
                .retryingAfter(wait)
        case .unreachable: return try unreachable()
        }
    }

    /// Starts a sign-in for a browser from `client`, at most as often as `rule` allows.
    package func start(
        returnPath: String,
        client: String,
        limiter: RateLimiter,
        rule: RateLimiter.Rule,
        logger: Logger
    ) async throws -> Start {
        let key = RateLimiter.Key(rule: rule, subject: client)
        if let wait = try await limiter.retryAfter([key]) { return .throttled(wait: wait) }
        try await limiter.record([key])
        do {
            return .redirect(try await start(returnPath: returnPath))
        } catch {
            logger.error("identity provider unreachable", metadata: ["error": "\(error)"])
            return .unreachable
        }
    }

    /// The redirect to the provider with a new state, its cookie set; throws when the provider cannot be reached.
    package func start(returnPath: String) async throws -> Response {
        let state = SecretToken()
        let attempt = SignInAttempt(
            nonce: SecretToken().value,
            codeVerifier: SecretToken().value,
            returnPath: returnPath
        )
        let location = try await provider.authorizationURL(
            state: state.value,
            nonce: attempt.nonce,
            codeVerifier: attempt.codeVerifier
        )
        try await attempts.start(state: state, attempt)
        return Response(
            status: .seeOther,
            headers: [.location: location, .setCookie: cookie(state.value, maxAge: 600), .cacheControl: "no-store"]
        )
    }

    /// Reads the provider's return: the state must be the one this browser started, the code is redeemed once.
    package func finish(_ request: Request, logger: Logger) async throws -> Outcome {
        let query = request.uri.queryParameters
        guard let state = query["state"].flatMap({ SecretToken(received: String($0)) }),
            request.cookies[cookieName]?.value == state.value,
            let attempt = try await attempts.redeem(state: state)
        else {
            logger.notice("sign-in return refused: unknown, replayed or foreign state")
            return .failed
        }
        if query["error"] != nil { return .cancelled }
        do {
            let identity = try await provider.identity(
                code: String(query["code"] ?? ""),
                codeVerifier: attempt.codeVerifier,
                nonce: attempt.nonce
            )
            return .signedIn(identity, returnPath: attempt.returnPath)
        } catch {
            logger.warning("sign-in with the identity provider failed", metadata: ["error": "\(error)"])
            return .failed
        }
    }

    /// Where a browser signing out of the portal goes to end its session at the provider too, given the ID token
    /// its session was opened with; nil (the portal's own page then) when there is none or the provider cannot be
    /// reached. The return address only shows a page, so its `state` is not checked.
    package func endSessionLocation(idTokenHint: String?, logger: Logger) async -> String? {
        guard let idTokenHint else { return nil }
        do {
            return try await provider.endSessionURL(idTokenHint: idTokenHint, state: SecretToken().value)
        } catch {
            logger.warning("identity provider unreachable at sign-out", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// Removes the state cookie (with the response that ends the sign-in).
    package var clearedCookie: String { cookie("", maxAge: 0) }

    // Lax: the return from the provider is a cross-site top-level navigation, which Strict would not carry.
    private func cookie(_ value: String, maxAge: Int) -> String {
        "\(cookieName)=\(value); Path=\(cookiePath); Max-Age=\(maxAge); HttpOnly; SameSite=Lax"
            + (secureCookies ? "; Secure" : "")
    }
}
