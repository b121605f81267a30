import Foundation
import Synchronization

/// A clock tests move by hand, for timeouts and expiries (sessions, tokens, rate limits).
package final class ManualClock: Sendable {
    private let current: Mutex<Date>

    package init(_ start: Date = Date()) { current = Mutex(start) }

    /// The current instant, as services read it.
    package var now: @Sendable () -> Date { { [self] in current.withLock { $0 } } }

    /// Moves time forward.
    package func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
