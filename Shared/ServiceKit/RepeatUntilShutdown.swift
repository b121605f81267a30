import Logging
import Messaging
import ServiceLifecycle

/// Runs `round` every `interval` until graceful shutdown: a round that fails, or gives no answer within `deadline`
/// (`withDeadline`), is logged as `failure` and the next one comes as planned. For background services that poll
/// (pending scans, statistics, digests).
package func repeatUntilShutdown(
    every interval: Duration,
    deadline: Duration = .seconds(600),
    logger: Logger,
    failure: Logger.Message,
    _ round: @escaping @Sendable () async throws -> Void
) async {
    await cancelWhenGracefulShutdown {
        while !Task.isCancelled {
            do {
                try await withDeadline(deadline, round)
            } catch {
                logger.warning(failure, metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }
}
