import Logging
import ServiceLifecycle

/// Runs `round` every `interval` until graceful shutdown: a round that fails is logged as `failure` and the next
/// one comes as planned. For background services that poll (pending scans, statistics, digests).
package func repeatUntilShutdown(
    every interval: Duration,
    logger: Logger,
    failure: Logger.Message,
    _ round: @escaping @Sendable () async throws -> Void
) async {
    await cancelWhenGracefulShutdown {
        while !Task.isCancelled {
            do {
                try await round()
            } catch {
                logger.warning(failure, metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }
}
