import Foundation
import Messaging
import Testing

struct EnvelopeTests {
    private let envelope = Envelope(
        messageId: UUID(),
        eventName: "intake.claim-submitted",
        version: 1,
        occurredAt: Date(timeIntervalSince1970: 1_795_000_000),
        producer: "intake",
        correlationId: UUID(),
        causationId: UUID(),
        traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        body: Array(#"{"a":1}"#.utf8)
    )

    @Test func survivesTheTripThroughTransportProperties() throws {
        let message = envelope.transportMessage
        #expect(message.routingKey == "intake.claim-submitted.v1")
        #expect(message.type == "intake.claim-submitted.v1")
        #expect(try Envelope(message) == envelope)
    }

    @Test func missingMetadataIsAPermanentEnvelopeError() {
        var message = envelope.transportMessage
        message.headers["event-version"] = nil
        #expect(throws: EnvelopeError.self) { try Envelope(message) }
        message = envelope.transportMessage
        message.messageId = "not-a-uuid"
        #expect(throws: EnvelopeError.self) { try Envelope(message) }
    }

    @Test func eventsCausedByAMessageKeepItsCorrelation() {
        let context = MessageContext(causedBy: envelope)
        #expect(context.correlationId == envelope.correlationId)
        #expect(context.causationId == envelope.messageId)
        #expect(context.traceparent == envelope.traceparent)
    }

    @Test func topologyNamesCarryTheTestNamespace() {
        let plain = Topology()
        let isolated = Topology(namespace: "t1")
        #expect(plain.eventsExchange == "mij.events")
        #expect(plain.queue(for: "instruction") == "instruction.events")
        #expect(isolated.deadLetterQueue(for: "instruction") == "t1.instruction.dead")
        #expect(isolated.deadLetterExchange == "t1.mij.dead")
    }
}
