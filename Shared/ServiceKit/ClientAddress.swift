import Foundation
import HTTPTypes
import Hummingbird

extension ServiceRequestContext {
    /// The client's IP address for rate limits: the peer, or the address the gateway forwarded when the
    /// peer is a trusted proxy (a forged `X-Forwarded-For` from anywhere else is ignored).
    package func clientAddress(of request: Request, trustedProxies: Set<String>) -> String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        guard trustedProxies.contains(peer), let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!] else {
            return peer
        }
        // The gateway replaces the header with the address it saw, so the last entry is the one it vouches for.
        return forwarded.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? peer
    }
}
