import Messaging
import Synchronization
import Testing

/// `withDeadline`: the work's answer when it comes in time, `DeadlineExceeded` when it does not — even from work
/// deaf to cancellation, which is left behind —, and the caller's cancellation passed on to the work.
struct DeadlineTests {
    @Test func anAnswerInTimeIsReturnedAndAnErrorRethrown() async throws {
        #expect(try await withDeadline(.seconds(5)) { 42 } == 42)
        struct Refused: Error {}
        await #expect(throws: Refused.self) { try await withDeadline(.seconds(5)) { throw Refused() } }
    }

    @Test func workThatNeverAnswersIsGivenUpAtTheDeadline() async throws {
        let waiting = Mutex<CheckedContinuation<Void, Never>?>(nil)
        let start = ContinuousClock.now
        await #expect(throws: DeadlineExceeded.self) {
            try await withDeadline(.milliseconds(200)) {
                await withCheckedContinuation { continuation in waiting.withLock { $0 = continuation } }
            }
        }
        #expect(ContinuousClock.now - start < .seconds(5))
        waiting.withLock { $0?.resume() }
    }

    @Test func cancellingTheCallerCancelsTheWork() async throws {
        let caller = Task {
            try await withDeadline(.seconds(60)) { try await Task.sleep(for: .seconds(60)) }
        }
        try await Task.sleep(for: .milliseconds(100))
        caller.cancel()
        await #expect(throws: CancellationError.self) { try await caller.value }
    }
}
