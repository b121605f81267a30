import NIOSSL
import PostgresNIO

/// How a connection to PostgreSQL is protected, named as libpq names it (POSTGRES_SSLMODE, POSTGRES_SSLROOTCERT).
package enum DatabaseTLS: Sendable, Equatable {
    /// Plain TCP: a loopback development server only.
    case disable
    /// Encrypted, whoever the server is.
    case require
    /// Encrypted, the server's certificate signed by the CA of `rootCertificate` (the system's CAs when nil).
    case verifyCA(rootCertificate: String?)
    /// As `verifyCA`, and the certificate issued for the host connected to: what production uses.
    case verifyFull(rootCertificate: String?)

    /// From libpq's `sslmode` words; nil for another word.
    package init?(mode: String, rootCertificate: String?) {
        switch mode {
        case "disable": self = .disable
        case "require": self = .require
        case "verify-ca": self = .verifyCA(rootCertificate: rootCertificate)
        case "verify-full": self = .verifyFull(rootCertificate: rootCertificate)
        default: return nil
        }
    }

    var configuration: PostgresClient.Configuration.TLS {
        clientConfiguration.map { .require($0) } ?? .disable
    }

    /// What the client's side of the handshake checks; nil without TLS.
    package var clientConfiguration: TLSConfiguration? {
        switch self {
        case .disable: nil
        case .require: Self.client(verification: .none, rootCertificate: nil)
        case .verifyCA(let root): Self.client(verification: .noHostnameVerification, rootCertificate: root)
        case .verifyFull(let root): Self.client(verification: .fullVerification, rootCertificate: root)
        }
    }

    private static func client(verification: CertificateVerification, rootCertificate: String?) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        configuration.certificateVerification = verification
        if let rootCertificate { configuration.trustRoots = .file(rootCertificate) }
        return configuration
    }
}
