import Messaging
import Testing

struct OutboxSignalTests {
    @Test func aNotificationBeforeTheWaitIsNotLost() async {
        let signal = OutboxSignal()
        signal.notify()
        let start = ContinuousClock.now
        await signal.wait(timeout: .seconds(5))
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test func waitingWakesOnNotifyOrTimesOut() async {
        let signal = OutboxSignal()
        let start = ContinuousClock.now
        await signal.wait(timeout: .milliseconds(100))
        #expect(ContinuousClock.now - start >= .milliseconds(100))
        Task {
            try await Task.sleep(for: .milliseconds(50))
            signal.notify()
        }
        let again = ContinuousClock.now
        await signal.wait(timeout: .seconds(5))
        #expect(ContinuousClock.now - again < .seconds(2))
    }
}
