import ServiceKit

extension OIDCProvider.Configuration {
    /// ProConnect as a portal of professionals reads it (`PROCONNECT_ISSUER`, `PROCONNECT_CLIENT_ID`,
    /// `PROCONNECT_CLIENT_SECRET`, each overridable per service); nil, and no ProConnect button, when no issuer is set.
    /// Signing out of the portal ends the ProConnect session too, and ProConnect sends the browser back to
    /// `postLogoutRedirectURI`.
    package static func proConnect(
        from reader: SettingsReader,
        redirectURI: String,
        postLogoutRedirectURI: String,
        extraScopes: String = ""
    ) -> Self? {
        let issuer = reader.string("proconnect.issuer", default: "")
        guard !issuer.isEmpty else { return nil }
        let clientId = reader.string("proconnect.client.id", default: "")
        let clientSecret = reader.string("proconnect.client.secret", default: "", secret: true)
        if clientId.isEmpty || clientSecret.isEmpty {
            reader.report("PROCONNECT_CLIENT_ID and PROCONNECT_CLIENT_SECRET are required with PROCONNECT_ISSUER")
        }
        return Self(
            issuer: issuer,
            clientId: clientId,
            clientSecret: clientSecret,
            redirectURI: redirectURI,
            scopes: "openid email given_name usual_name" + (extraScopes.isEmpty ? "" : " \(extraScopes)"),
            acrValues: nil,
            postLogoutRedirectURI: postLogoutRedirectURI
        )
    }
}
