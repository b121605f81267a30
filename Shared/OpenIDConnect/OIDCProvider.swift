import AsyncHTTPClient
import Crypto
import Foundation
import JWTKit
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import WebUI

/// An OpenID Connect provider used with the authorisation code flow, state, nonce and PKCE (FranceConnect for
/// claimants, ProConnect for agents). Discovery and signing keys are fetched once, and the keys again when a token names one unknown.
package actor OIDCProvider {
    /// What the provider knows us by (`FRANCECONNECT_*`, `PROCONNECT_*`).
    package struct Configuration: Sendable {
        /// The issuer, e.g. `https://fcp-low.integ01.dev-franceconnect.fr/api/v2`; discovery is under it.
        package var issuer: String
        package var clientId: String
        package var clientSecret: String
        /// Our callback, registered with the provider.
        package var redirectURI: String
        package var scopes: String
        /// FranceConnect's level of assurance; nil for providers that ignore it.
        package var acrValues: String?
        /// Where the provider sends the browser back after ending its own session (registered with it); nil when
        /// signing out of the portal should leave the provider's session alone.
        package var postLogoutRedirectURI: String?

        /// The provider's origin (`https://host[:port]`): the sign-out form is redirected there, so the portal's
        /// content security policy must allow it as a form target.
        package var origin: String? {
            guard let url = URLComponents(string: issuer), let scheme = url.scheme, let host = url.host else {
                return nil
            }
            return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
        }

        package init(
            issuer: String,
            clientId: String,
            clientSecret: String,
            redirectURI: String,
            scopes: String = "openid email given_name family_name",
            acrValues: String? = "eidas1",
            postLogoutRedirectURI: String? = nil
        ) {
            self.issuer = issuer
            self.clientId = clientId
            self.clientSecret = clientSecret
            self.redirectURI = redirectURI
            self.scopes = scopes
            self.acrValues = acrValues
            self.postLogoutRedirectURI = postLogoutRedirectURI
        }
    }

    /// The person the provider vouches for.
    package struct Identity: Sendable, Equatable {
        package var subject: String
        package var email: String?
        package var givenName: String?
        /// The family name (`family_name`, or ProConnect's `usual_name`).
        package var familyName: String?
        /// ProConnect: the SIRET of the person's organisation (which administration they belong to).
        package var siret: String? = nil
        /// The ID token as received, kept with the portal's session to end the provider's session on sign-out
        /// (`id_token_hint`).
        package var idToken: String? = nil
    }

    private struct Metadata: Decodable {
        var issuer: String
        var authorization_endpoint: String
        var token_endpoint: String
        var userinfo_endpoint: String?
        var jwks_uri: String
        var end_session_endpoint: String?
    }

    private let configuration: Configuration
    private let http: HTTPClient
    private var metadata: Metadata?
    private var keys: JWTKeyCollection?

    package init(configuration: Configuration, http: HTTPClient = .shared) {
        self.configuration = configuration
        self.http = http
    }

    /// Where to send the browser to sign in; `codeVerifier` stays with us (PKCE, S256).
    package func authorizationURL(state: String, nonce: String, codeVerifier: String) async throws -> String {
        let metadata = try await discovered()
        var components = URLComponents(string: metadata.authorization_endpoint)
        let existing = components?.queryItems ?? []
        components?.queryItems =
            existing + [
                URLQueryItem(name: "response_type", value: "code"),
                URLQueryItem(name: "client_id", value: configuration.clientId),
                URLQueryItem(name: "redirect_uri", value: configuration.redirectURI),
                URLQueryItem(name: "scope", value: configuration.scopes),
                URLQueryItem(name: "state", value: state),
                URLQueryItem(name: "nonce", value: nonce),
                URLQueryItem(name: "code_challenge", value: Self.challenge(for: codeVerifier)),
                URLQueryItem(name: "code_challenge_method", value: "S256"),
            ] + (configuration.acrValues.map { [URLQueryItem(name: "acr_values", value: $0)] } ?? [])
        guard let url = components?.url?.absoluteString else { throw OIDCError.badMetadata }
        return url
    }

    /// Redeems the code the browser brought back and returns who signed in, once the ID token's signature,
    /// issuer, audience, expiry and nonce have been checked.
    package func identity(code: String, codeVerifier: String, nonce: String) async throws -> Identity {
        let metadata = try await discovered()
        let tokens = try await redeem(code: code, codeVerifier: codeVerifier, at: metadata.token_endpoint)
        let idToken: IDTokenClaims = try await verified(tokens.id_token)
        guard idToken.iss.value == metadata.issuer else { throw OIDCError.wrongIssuer }
        guard idToken.aud.value.contains(configuration.clientId) else { throw OIDCError.wrongAudience }
        guard idToken.nonce == nonce else { throw OIDCError.wrongNonce }
        var identity = Identity(
            subject: idToken.sub.value,
            email: idToken.email,
            givenName: idToken.given_name,
            familyName: idToken.family_name ?? idToken.usual_name,
            siret: idToken.siret,
            idToken: tokens.id_token
        )
        if let endpoint = metadata.userinfo_endpoint {
            let info = try await userInfo(at: endpoint, accessToken: tokens.access_token)
            guard info.sub == identity.subject else { throw OIDCError.subjectMismatch }
            identity.email = info.email ?? identity.email
            identity.givenName = info.given_name ?? identity.givenName
            identity.familyName = info.family_name ?? info.usual_name ?? identity.familyName
            identity.siret = info.siret ?? identity.siret
        }
        return identity
    }

    /// Where to send the browser to end its session at the provider (OpenID Connect RP-initiated logout: the
    /// ID token of the session as a hint, a state, the registered return address); nil when the provider offers no
    /// end-session endpoint or no return address is configured.
    package func endSessionURL(idTokenHint: String, state: String) async throws -> String? {
        guard let returnURI = configuration.postLogoutRedirectURI,
            let endpoint = try await discovered().end_session_endpoint,
            var components = URLComponents(string: endpoint)
        else { return nil }
        components.queryItems =
            (components.queryItems ?? []) + [
                URLQueryItem(name: "id_token_hint", value: idTokenHint),
                URLQueryItem(name: "state", value: state),
                URLQueryItem(name: "post_logout_redirect_uri", value: returnURI),
            ]
        return components.url?.absoluteString
    }

    /// `base64url(SHA-256(verifier))`.
    package static func challenge(for verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64URLEncoded
    }

    // MARK: - Provider calls

    private struct Tokens: Decodable {
        var access_token: String
        var id_token: String
    }

    private func redeem(code: String, codeVerifier: String, at endpoint: String) async throws -> Tokens {
        var form = URLComponents()
        form.queryItems = [
            URLQueryItem(name: "grant_type", value: "authorization_code"),
            URLQueryItem(name: "code", value: code),
            URLQueryItem(name: "redirect_uri", value: configuration.redirectURI),
            URLQueryItem(name: "client_id", value: configuration.clientId),
            URLQueryItem(name: "client_secret", value: configuration.clientSecret),
            URLQueryItem(name: "code_verifier", value: codeVerifier),
        ]
        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        // URLComponents leaves `+` as is; in a form body it would read as a space.
        let body = (form.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        request.body = .bytes(ByteBuffer(string: body))
        return try JSONDecoder().decode(Tokens.self, from: try await send(request))
    }

    private func userInfo(at endpoint: String, accessToken: String) async throws -> IDTokenClaims.UserInfo {
        var request = HTTPClientRequest(url: endpoint)
        request.headers.add(name: "Authorization", value: "Bearer \(accessToken)")
        let (body, contentType) = try await sendWithType(request)
        // FranceConnect v2 signs userinfo as a JWT; other providers answer plain JSON.
        if contentType.hasPrefix("application/jwt") {
            let claims: IDTokenClaims.SignedUserInfo = try await verified(String(decoding: body, as: UTF8.self))
            return claims.info
        }
        return try JSONDecoder().decode(IDTokenClaims.UserInfo.self, from: body)
    }

    private func verified<Payload: JWTPayload>(_ token: String) async throws -> Payload {
        do {
            return try await signingKeys(refresh: false).verify(token, as: Payload.self)
        } catch let error as JWTError where error.errorType == .unknownKID {
            return try await signingKeys(refresh: true).verify(token, as: Payload.self)
        }
    }

    private func discovered() async throws -> Metadata {
        if let metadata { return metadata }
        let url = configuration.issuer.trimmingCharacters(in: ["/"]) + "/.well-known/openid-configuration"
        let fetched = try JSONDecoder().decode(Metadata.self, from: try await send(HTTPClientRequest(url: url)))
        metadata = fetched
        return fetched
    }

    private func signingKeys(refresh: Bool) async throws -> JWTKeyCollection {
        if let keys, !refresh { return keys }
        let jwks = try await send(HTTPClientRequest(url: try await discovered().jwks_uri))
        let collection = try await JWTKeyCollection().add(jwksJSON: String(decoding: jwks, as: UTF8.self))
        keys = collection
        return collection
    }

    private func send(_ request: HTTPClientRequest) async throws -> Data {
        try await sendWithType(request).body
    }

    private func sendWithType(_ request: HTTPClientRequest) async throws -> (body: Data, contentType: String) {
        let response = try await http.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .ok else { throw OIDCError.providerAnswered(Int(response.status.code)) }
        return (Data(buffer: body), response.headers["content-type"].first ?? "")
    }
}

/// Why an OpenID Connect sign-in failed (logged by name; the person is told to try again).
package enum OIDCError: Error, Equatable {
    case badMetadata
    case providerAnswered(Int)
    case wrongIssuer
    case wrongAudience
    case wrongNonce
    case subjectMismatch
}
