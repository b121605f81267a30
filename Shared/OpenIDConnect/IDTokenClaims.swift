import JWTKit

/// The claims of an ID token we read; `verify` checks the expiry, the caller the issuer, audience and nonce.
struct IDTokenClaims: JWTPayload {
    var iss: IssuerClaim
    var sub: SubjectClaim
    var aud: AudienceClaim
    var exp: ExpirationClaim
    var nonce: String?
    var email: String?
    var given_name: String?
    var family_name: String?
    var usual_name: String?
    var siret: String?

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }

    /// Userinfo's claims, as plain JSON.
    struct UserInfo: Codable, Sendable {
        var sub: String
        var email: String?
        var given_name: String?
        var family_name: String?
        var usual_name: String?
        /// ProConnect: the SIRET of the person's organisation.
        var siret: String?
    }

    /// Userinfo's claims, signed (FranceConnect v2).
    struct SignedUserInfo: JWTPayload {
        var info: UserInfo

        init(from decoder: any Decoder) throws { info = try UserInfo(from: decoder) }
        func encode(to encoder: any Encoder) throws { try info.encode(to: encoder) }
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }
}
