import Contracts
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// What a handler may touch: the transaction its effect commits in, an outbox for the events it causes.
package struct HandlerContext: Sendable {
    package let envelope: Envelope
    package let connection: PostgresConnection
    package let outbox: OutboxWriter
    package let logger: Logger
    let commitHooks: CommitHooks

    /// Runs `action` once the effect has committed (e.g. to wake a worker that will read what it wrote); never
    /// when it rolls back.
    package func afterCommit(_ action: @escaping @Sendable () -> Void) {
        commitHooks.add(action)
    }
}

/// What a handler asked to run after its transaction commits.
final class CommitHooks: Sendable {
    private let actions = Mutex<[@Sendable () -> Void]>([])

    func add(_ action: @escaping @Sendable () -> Void) {
        actions.withLock { $0.append(action) }
    }

    func run() {
        for action in actions.withLock({ $0 }) { action() }
    }
}

/// Reacts to one event; its effect runs inside the inbox transaction, so a duplicate never repeats it.
package protocol EventHandler: Sendable {
    associatedtype Event: EventContract
    func handle(_ event: Event, context: HandlerContext) async throws
}

/// A handler failure that no retry can fix: the message goes to the dead-letter queue with this reason.
package struct PermanentHandlerError: Error, CustomStringConvertible {
    package var description: String

    package init(_ reason: String) { description = reason }
}

/// A routing key bound to the consumer's queue and the type-erased handler for it.
package struct Subscription: Sendable {
    package let routingKey: String
    let handle: @Sendable (Envelope, HandlerContext) async throws -> Void

    package init<H: EventHandler>(_ handler: H) {
        routingKey = H.Event.routingKey
        handle = { envelope, context in
            let event: H.Event
            do {
                event = try envelope.decode(H.Event.self)
            } catch {
                throw PermanentHandlerError("body does not decode as \(H.Event.routingKey): \(error)")
            }
            try await handler.handle(event, context: context)
        }
    }
}
