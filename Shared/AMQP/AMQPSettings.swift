import Foundation

/// How to reach the broker: parsed from an `amqp://user:password@host:port/vhost` URL.
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

    package init(url: String, heartbeat: Int = 10, prefetch: Int = 20) throws {
        guard let components = URLComponents(string: url), components.scheme == "amqp",
            let host = components.host, !host.isEmpty
        else { throw AMQPError.invalidURL }
        self.host = host
        self.port = components.port ?? 5672
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
        case .invalidURL: "AMQP_URL must look like amqp://user:password@host:5672/vhost"
        case .connectionFailed(let why): "AMQP connection failed: \(why)"
        case .protocolError(let why): "AMQP protocol error: \(why)"
        case .closedByBroker(let code, let text): "closed by the broker: \(code) \(text)"
        case .timeout(let what): "AMQP timeout while \(what)"
        case .unavailable: "broker unavailable (reconnecting)"
        case .shutdown: "AMQP client is shut down"
        }
    }
}
