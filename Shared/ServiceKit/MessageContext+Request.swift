import Foundation
import HTTPTypes
import Hummingbird
import Messaging

extension MessageContext {
    /// Causality for events caused by an HTTP request: the request's id as correlation id (the `request.id` of
    /// its log lines, the `correlation.id` of every consumer's), and the caller's W3C trace context when it sent a
    /// valid one (otherwise a new trace), so a journey can be followed across services.
    package init(request: Request) {
        let incoming = request.headers[HTTPField.Name("traceparent")!].flatMap(Self.validTraceparent)
        let requestId = request.headers[HTTPField.Name("X-Request-Id")!].flatMap { UUID(uuidString: $0) }
        self.init(correlationId: requestId ?? UUID(), causationId: nil, traceparent: incoming ?? Self.newTraceparent())
    }

    private static func validTraceparent(_ value: String) -> String? {
        let parts = value.split(separator: "-")
        guard parts.count == 4, parts[0] == "00", parts[1].count == 32, parts[2].count == 16, parts[3].count == 2,
            value.allSatisfy({ $0.isHexDigit || $0 == "-" })
        else { return nil }
        return value.lowercased()
    }

    private static func newTraceparent() -> String {
        func hex(_ bytes: Int) -> String {
            (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        }
        return "00-\(hex(16))-\(hex(8))-01"
    }
}
