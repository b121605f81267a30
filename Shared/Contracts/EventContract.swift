import Foundation

/// A message published on the bus: a versioned, Codable payload owned by exactly one producing service.
package protocol EventContract: Codable, Sendable, Equatable {
    /// Producer-qualified, kebab-case event name without version, e.g. `intake.claim-submitted`.
    static var eventName: String { get }
    /// Wire version; a breaking change adds a new type with the next version.
    static var version: Int { get }
}

extension EventContract {
    /// The routing key the event travels under: `<producer>.<event>.v<version>`.
    package static var routingKey: String { "\(eventName).v\(version)" }
}

/// The single JSON coding used for every contract: ISO-8601 UTC dates, sorted keys for stable fixtures.
package enum ContractCoding {
    /// Encoder used by producers and fixtures.
    package static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// Decoder used by consumers and fixtures.
    package static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
