import Foundation

/// Polls `condition` every 50 ms until it holds or `timeout` passes; a thrown error counts as "not yet".
package func eventually(timeout: Duration = .seconds(20), _ condition: @Sendable () async throws -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    repeat {
        if (try? await condition()) == true { return true }
        try? await Task.sleep(for: .milliseconds(50))
    } while ContinuousClock.now < deadline
    return false
}
