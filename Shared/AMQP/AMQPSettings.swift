import Foundation

/// How to reach the broker: parsed from an `amqp://user:password@host:port/vhost` URL, or `amqps://` for TLS (1.2 or
/// 1.3, the broker's certificate checked against `caCertificate` and the host name).
package struct AMQPSettings: Sendable, Equatable {
    package var host: String
    package var port: Int
    package var user: String
    package var password: String
    package var virtualHost: String
    /// Seconds; the connection threads wake at least once a second so heartbeats are always serviced.
    package var heartbeat: Int
    /// Unacknowledged deliveries a consumer holds at once; also its handling concurrency.
    package var prefetch: Int
    /// `amqps://`.
    package var usesTLS: Bool
    /// The PEM file of the CAs a TLS broker's certificate must chain to (AMQP_CACERT).
    package var caCertificate: String

    /// Debian's bundle of the public CAs.
    package static let systemCertificates = "/etc/ssl/certs/ca-certificates.crt"

    package init(url: String, heartbeat: Int = 10, prefetch: Int = 20, caCertificate: String = systemCertificates)
        throws
    {
        guard let components = URLComponents(string: url), ["amqp", "amqps"].contains(components.scheme),
            let host = components.host, !host.isEmpty
        else { throw AMQPError.invalidURL }
        self.host = host
        usesTLS = components.scheme == "amqps"
        self.caCertificate = caCertificate
        self.port = components.port ?? (usesTLS ? 5671 : 5672)
        self.user = components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? "guest"
        self.password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding } ?? "guest"
        let path = components.percentEncodedPath
        self.virtualHost = path.count > 1 ? String(path.dropFirst()).removingPercentEncoding ?? "/" : "/"
        self.heartbeat = heartbeat
        self.prefetch = prefetch
    }
}

/// Failures of the AMQP transport; none carries message contents.
package enum AMQPError: Error, CustomStringConvertible, Equatable {
    case invalidURL
    case connectionFailed(String)
    case protocolError(String)
    case closedByBroker(code: Int, text: String)
    case timeout(String)
    case unavailable
    case shutdown

    package var description: String {
        switch self {
        case .invalidURL: "AMQP_URL must look like amqp://user:password@host:5672/vhost (or amqps://…:5671/…)"
        case .connectionFailed(let why): "AMQP connection failed: \(why)"
        case .protocolError(let why): "AMQP protocol error: \(why)"
        case .closedByBroker(let code, let text): "closed by the broker: \(code) \(text)"
        case .timeout(let what): "AMQP timeout while \(what)"
        case .unavailable: "broker unavailable (reconnecting)"
        case .shutdown: "AMQP client is shut down"
        }
    }
}
