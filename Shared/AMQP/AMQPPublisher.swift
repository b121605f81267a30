import CRabbitMQ
import Foundation
import Logging
import Messaging

/// Publishes with confirms on one dedicated thread and connection. Concurrent callers are pipelined:
/// everything queued is sent at once, then confirms are read frame by frame (rabbitmq-c 0.11 has no helper).
package final class AMQPPublisher: MessagePublisher, @unchecked Sendable {
    private struct Job {
        var messages: [TransportMessage]
        var exchange: String
        var continuation: CheckedContinuation<[PublishOutcome], any Error>
    }

    private let settings: AMQPSettings
    private let logger: Logger
    private let confirmTimeout: TimeInterval
    // Guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var stopping = false
    private var stopped: CheckedContinuation<Void, Never>?
    private var threadStarted = false

    package init(settings: AMQPSettings, logger: Logger, confirmTimeout: TimeInterval = 15) {
        self.settings = settings
        self.logger = logger
        self.confirmTimeout = confirmTimeout
    }

    package func publish(_ messages: [TransportMessage], to exchange: String) async throws -> [PublishOutcome] {
        guard !messages.isEmpty else { return [] }
        return try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            defer { condition.unlock() }
            guard !stopping else { return continuation.resume(throwing: AMQPError.shutdown) }
            jobs.append(Job(messages: messages, exchange: exchange, continuation: continuation))
            if !threadStarted {
                threadStarted = true
                let thread = Thread { [self] in runLoop() }
                thread.start()
            }
            condition.signal()
        }
    }

    /// Fails what is queued, closes the connection on its own thread and returns once it is closed.
    package func shutdown() async {
        await withCheckedContinuation { continuation in
            condition.lock()
            stopping = true
            if threadStarted {
                stopped = continuation
                condition.signal()
                condition.unlock()
            } else {
                condition.unlock()
                continuation.resume()
            }
        }
    }

    // MARK: - Publisher thread

    private func runLoop() {
        setThreadName("amqp-publisher")
        var connection: RawConnection?
        var nextSeq: UInt64 = 1
        var reconnect = Backoff()
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping {
                if !condition.wait(until: Date().addingTimeInterval(1)) {
                    // Idle: let rabbitmq-c answer heartbeats and notice a dead connection.
                    condition.unlock()
                    if let open = connection, !pumpWhileIdle(open) {
                        open.abandon()
                        connection = nil
                    }
                    condition.lock()
                }
            }
            let batch = jobs
            jobs = []
            let exiting = stopping
            condition.unlock()
            if exiting {
                batch.forEach { $0.continuation.resume(throwing: AMQPError.shutdown) }
                break
            }
            if connection == nil {
                guard reconnect.mayAttempt() else {
                    batch.forEach { $0.continuation.resume(throwing: AMQPError.unavailable) }
                    continue
                }
                do {
                    let opened = try RawConnection(settings: settings)
                    try opened.confirmSelect()
                    connection = opened
                    nextSeq = 1
                    reconnect.succeeded()
                } catch {
                    reconnect.failed()
                    logger.warning("publisher cannot connect", metadata: ["error": "\(error)"])
                    batch.forEach { $0.continuation.resume(throwing: error) }
                    continue
                }
            }
            guard let open = connection else { continue }
            do {
                let outcomes = try publishAndConfirm(batch, on: open, nextSeq: &nextSeq)
                for (job, result) in zip(batch, outcomes) { job.continuation.resume(returning: result) }
            } catch {
                logger.warning("publisher connection lost", metadata: ["error": "\(error)"])
                open.abandon()
                connection = nil
                reconnect.failed()
                batch.forEach { $0.continuation.resume(throwing: error) }
            }
        }
        connection?.close()
        condition.lock()
        let done = stopped
        condition.unlock()
        done?.resume()
    }

    /// Services heartbeats while idle; false when the broker closed the connection or the socket failed.
    private func pumpWhileIdle(_ connection: RawConnection) -> Bool {
        do {
            guard let frame = try connection.nextFrame(timeout: 0) else { return true }
            return frame.frame_type != UInt8(AMQP_FRAME_METHOD)
                || (frame.payload.method.id != AMQP_CHANNEL_CLOSE_METHOD
                    && frame.payload.method.id != AMQP_CONNECTION_CLOSE_METHOD)
        } catch {
            return false
        }
    }

    /// Sends every message of every job, then reads confirms until each one has an outcome.
    private func publishAndConfirm(_ batch: [Job], on connection: RawConnection, nextSeq: inout UInt64) throws
        -> [[PublishOutcome]]
    {
        var outcomes = batch.map { [PublishOutcome?](repeating: nil, count: $0.messages.count) }
        var position: [UInt64: (job: Int, message: Int)] = [:]
        var seqByMessageId: [String: UInt64] = [:]
        var returned: Set<UInt64> = []
        for (jobIndex, job) in batch.enumerated() {
            for (messageIndex, message) in job.messages.enumerated() {
                try connection.send(message, to: job.exchange)
                position[nextSeq] = (jobIndex, messageIndex)
                seqByMessageId[message.messageId] = nextSeq
                nextSeq += 1
            }
        }
        func settle(_ seq: UInt64, multiple: Bool, as outcome: PublishOutcome) {
            let tags = multiple ? position.keys.filter { $0 <= seq } : [seq]
            for tag in tags {
                guard let (job, message) = position.removeValue(forKey: tag) else { continue }
                outcomes[job][message] = outcome == .confirmed && returned.contains(tag) ? .unroutable : outcome
            }
        }
        let deadline = Date().addingTimeInterval(confirmTimeout)
        while !position.isEmpty {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0, let frame = try connection.nextFrame(timeout: remaining) else {
                throw AMQPError.timeout("waiting for publisher confirms")
            }
            guard frame.frame_type == UInt8(AMQP_FRAME_METHOD) else { continue }
            let method = frame.payload.method
            switch method.id {
            case AMQP_BASIC_ACK_METHOD:
                let ack = method.decoded.assumingMemoryBound(to: amqp_basic_ack_t.self).pointee
                settle(ack.delivery_tag, multiple: ack.multiple != 0, as: .confirmed)
            case AMQP_BASIC_NACK_METHOD:
                let nack = method.decoded.assumingMemoryBound(to: amqp_basic_nack_t.self).pointee
                settle(nack.delivery_tag, multiple: nack.multiple != 0, as: .rejected)
            case AMQP_BASIC_RETURN_METHOD:
                // The returned message's header and body frames follow; its message id names the seq.
                if let messageId = try readReturnedMessageId(on: connection), let seq = seqByMessageId[messageId] {
                    returned.insert(seq)
                }
            case AMQP_CHANNEL_CLOSE_METHOD, AMQP_CONNECTION_CLOSE_METHOD:
                throw RawConnection.closeError(methodId: method.id, decoded: method.decoded, what: "publish")
            default:
                continue
            }
        }
        amqp_maybe_release_buffers(connection.state)
        return outcomes.map { $0.map { $0 ?? .rejected } }
    }

    private func readReturnedMessageId(on connection: RawConnection) throws -> String? {
        guard let header = try connection.nextFrame(timeout: confirmTimeout),
            header.frame_type == UInt8(AMQP_FRAME_HEADER)
        else { throw AMQPError.protocolError("basic.return without content header") }
        let properties = header.payload.properties.decoded.assumingMemoryBound(to: amqp_basic_properties_t.self).pointee
        let messageId =
            properties._flags & UInt32(AMQP_BASIC_MESSAGE_ID_FLAG) != 0 ? properties.message_id.string : nil
        var remaining = Int(header.payload.properties.body_size)
        while remaining > 0 {
            guard let body = try connection.nextFrame(timeout: confirmTimeout),
                body.frame_type == UInt8(AMQP_FRAME_BODY)
            else { throw AMQPError.protocolError("basic.return body missing") }
            remaining -= body.payload.body_fragment.len
        }
        return messageId
    }
}
