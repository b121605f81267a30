import Foundation
import CRabbitMQ

/// Jittered exponential backoff between reconnection attempts, capped at 30 s.
struct Backoff {
    private var failures = 0
    private var notBefore = Date.distantPast

    /// Whether a new attempt is allowed now.
    func mayAttempt() -> Bool { Date() >= notBefore }

    /// Delay to wait before the next attempt.
    var delay: TimeInterval {
        guard failures > 0 else { return 0 }
        let base = min(30, 0.1 * pow(2, Double(min(failures, 9))))
        return base * Double.random(in: 0.5...1)
    }

    mutating func failed() {
        failures += 1
        notBefore = Date().addingTimeInterval(delay)
    }

    mutating func succeeded() {
        failures = 0
        notBefore = .distantPast
    }
}

/// Names the current thread so it shows in `top -H` and debuggers (must run on the thread itself).
func setThreadName(_ name: String) {
    crmq_set_thread_name(String(name.prefix(15)))
}
