import Synchronization

/// Work that gave no answer in time; it was cancelled and is no longer awaited.
package struct DeadlineExceeded: Error, CustomStringConvertible {
    package let limit: Duration

    package var description: String { "no answer within \(limit)" }
}

/// Runs `work` in a task of its own and waits for it at most `limit`: past it the task is cancelled, left behind,
/// and `DeadlineExceeded` is thrown. For work that can wait for good on a dead database connection — PostgresNIO
/// 1.33.2 leaves a query sent on a connection the server has just closed (a restart) neither answered nor failed
/// (PoolRecoveryTests) —, so that a consumer hands its message back and a loop goes on to its next round.
/// Cancelling the caller cancels the work.
package func withDeadline<T: Sendable>(
    _ limit: Duration,
    _ work: @escaping @Sendable () async throws -> T
) async throws -> T {
    let race = Race<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            race.wait(continuation)
            let worker = Task {
                do { race.finish(.success(try await work())) } catch { race.finish(.failure(error)) }
            }
            let timer = Task {
                try await Task.sleep(for: limit)
                if race.finish(.failure(DeadlineExceeded(limit: limit))) { worker.cancel() }
            }
            race.track(worker: worker, timer: timer)
        }
    } onCancel: {
        race.cancel()
    }
}

/// The work and its timer: the first to finish answers the caller once.
private final class Race<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var worker: Task<Void, Never>?
        var timer: Task<Void, any Error>?
        var cancelled = false
    }

    private let state = Mutex(State())

    func wait(_ continuation: CheckedContinuation<T, any Error>) {
        state.withLock { $0.continuation = continuation }
    }

    /// Answers the caller unless the other one did; true when this call did.
    @discardableResult
    func finish(_ result: Result<T, any Error>) -> Bool {
        let (continuation, timer) = state.withLock { state in
            defer { state.continuation = nil }
            return (state.continuation, state.timer)
        }
        guard let continuation else { return false }
        continuation.resume(with: result)
        timer?.cancel()
        return true
    }

    func track(worker: Task<Void, Never>, timer: Task<Void, any Error>) {
        let (answered, cancelled) = state.withLock { state in
            state.worker = worker
            state.timer = timer
            return (state.continuation == nil, state.cancelled)
        }
        if answered { timer.cancel() }
        if cancelled { worker.cancel() }
    }

    func cancel() {
        let worker = state.withLock { state in
            state.cancelled = true
            return state.worker
        }
        worker?.cancel()
    }
}
