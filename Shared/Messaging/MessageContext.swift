import Foundation

/// Causality carried from a request or a consumed message to the events it produces.
package struct MessageContext: Sendable, Equatable {
    package var correlationId: UUID
    package var causationId: UUID?
    package var traceparent: String?

    package init(correlationId: UUID = UUID(), causationId: UUID? = nil, traceparent: String? = nil) {
        self.correlationId = correlationId
        self.causationId = causationId
        self.traceparent = traceparent
    }

    /// The context of events produced while handling `envelope`: same correlation, caused by it.
    package init(causedBy envelope: Envelope) {
        self.init(
            correlationId: envelope.correlationId,
            causationId: envelope.messageId,
            traceparent: envelope.traceparent
        )
    }
}
